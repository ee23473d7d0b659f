package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MeteorIds: every id it makes is well formed, and a text is well formed exactly when it could be such an id. */
class MeteorIdsFuzzTest {

    @Test
    void nextIsWellFormed() {
        for (int i = 0; i < 100; i++) {
            assertTrue(MeteorIds.isWellFormed(MeteorIds.next()));
        }
    }

    /** A text as written (a kept input ending in a newline), or an id of the alphabet with some characters changed. */
    static String text(FuzzedDataProvider data) {
        Optional<byte[]> written = JsonFuzz.asWritten(data);
        if (written.isPresent()) {
            return JsonFuzz.text(written.get());
        }
        char[] alphabet = MeteorIds.ALPHABET.toCharArray();
        StringBuilder id = new StringBuilder();
        int length = data.consumeInt(0, 3) == 0 ? data.consumeInt(0, 20) : 17;
        for (int i = 0; i < length; i++) {
            id.append(data.pickValue(alphabet));
        }
        int changes = data.consumeInt(0, 2);
        for (int i = 0; i < changes && id.length() > 0; i++) {
            int at = data.consumeInt(0, id.length() - 1);
            id.replace(at, at + 1, JsonFuzz.unicodeStrings(2).next(data));
        }
        return id.toString();
    }

    @FuzzTest(maxDuration = "30s")
    void wellFormedIsSeventeenCharactersOfTheAlphabet(FuzzedDataProvider data) {
        String text = text(data);
        boolean expected = text.length() == 17 && text.chars().allMatch(c -> MeteorIds.ALPHABET.indexOf(c) >= 0);
        assertEquals(expected, MeteorIds.isWellFormed(text), text);
    }
}
