package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** MeteorIds: every id it makes is well formed, and a text is well formed exactly when it could be such an id. */
class MeteorIdsPropertiesTest {

    static final String SEED = "20261202";

    @Example
    void nextIsWellFormed() {
        for (int i = 0; i < 100; i++) {
            assertTrue(MeteorIds.isWellFormed(MeteorIds.next()));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> ids = Arbitraries.strings().withChars(MeteorIds.ALPHABET.toCharArray()).ofLength(17);
        Arbitrary<String> nearIds = ids.flatMap(id -> Arbitraries.integers().between(0, 16)
                .flatMap(at -> JsonFuzz.unicodeStrings(2).map(s -> id.substring(0, at) + s + id.substring(at + 1))));
        return Arbitraries.frequencyOf(Tuple.of(2, ids), Tuple.of(4, nearIds), Tuple.of(1, JsonFuzz.unicodeStrings(20)),
                Tuple.of(1, ids.map(id -> id + "\n")), Tuple.of(1, ids.map(id -> id.substring(1))));
    }

    @Property(tries = 250, seed = SEED)
    void wellFormedIsSeventeenCharactersOfTheAlphabet(@ForAll("texts") String text) {
        boolean expected = text.length() == 17 && text.chars().allMatch(c -> MeteorIds.ALPHABET.indexOf(c) >= 0);
        assertEquals(expected, MeteorIds.isWellFormed(text), text);
    }
}
