package org.tokenmint.users.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserIdsTest {

    @Test
    void idsAreSeventeenCharactersOfMeteorsAlphabet() {
        for (int i = 0; i < 500; i++) {
            String id = UserIds.next();
            assertTrue(id.matches("[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}"), id);
            assertTrue(UserIds.isWellFormed(id));
        }
    }

    @Test
    void otherShapesAreNotIds() {
        assertFalse(UserIds.isWellFormed(null));
        assertFalse(UserIds.isWellFormed(""));
        assertFalse(UserIds.isWellFormed("BsNr28znDkG8aeo7"));
        assertFalse(UserIds.isWellFormed("BsNr28znDkG8aeo7W1"));
        assertFalse(UserIds.isWellFormed("BsNr28znDkG8aeo0W"));
        assertFalse(UserIds.isWellFormed("BsNr28znDkG8aeo7\0"));
        assertTrue(UserIds.isWellFormed("BsNr28znDkG8aeo7W"));
    }
}
