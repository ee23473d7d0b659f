package org.tokenmint.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "abc-123", "0af7651916cd43dd8448eb211c80319c", "Root=1-5759e988-bd862e3fe1be46a994272793",
            "trace:span.1_x+y=z/w@host"})
    void aSaneIdIsKept(String id) {
        assertEquals(id, RequestIds.idFor(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "quote\"", "new\nline", "<script>", "ümlaut", "tab\t",
            "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                    + "01234567890123456789012345678"})
    void anyOtherIsReplaced(String offered) {
        String id = RequestIds.idFor(offered);
        assertTrue(id.matches("[0-9a-f]{32}"), id);
    }

    @Test
    void aMissingIdIsMadeAndEachIsNew() {
        assertTrue(RequestIds.idFor(null).matches("[0-9a-f]{32}"));
        assertNotEquals(RequestIds.idFor(null), RequestIds.idFor(null));
        assertEquals(128, RequestIds.idFor("x".repeat(128)).length());
    }
}
