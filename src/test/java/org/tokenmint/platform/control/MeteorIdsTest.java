package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeteorIdsTest {

    @Test
    void idsAreSeventeenCharactersOfMeteorsAlphabet() {
        for (int i = 0; i < 500; i++) {
            String id = MeteorIds.next();
            assertTrue(id.matches("[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}"), id);
            assertTrue(MeteorIds.isWellFormed(id));
        }
    }

    @Test
    void otherShapesAreNotIds() {
        assertFalse(MeteorIds.isWellFormed(null));
        assertFalse(MeteorIds.isWellFormed(""));
        assertFalse(MeteorIds.isWellFormed("BsNr28znDkG8aeo7"));
        assertFalse(MeteorIds.isWellFormed("BsNr28znDkG8aeo7W1"));
        assertFalse(MeteorIds.isWellFormed("BsNr28znDkG8aeo0W"));
        assertFalse(MeteorIds.isWellFormed("BsNr28znDkG8aeo7\0"));
        assertTrue(MeteorIds.isWellFormed("BsNr28znDkG8aeo7W"));
    }
}
