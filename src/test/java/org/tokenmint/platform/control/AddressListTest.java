package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressListTest {

    @Test
    void unsetOrBlankAllowsNobody() {
        assertTrue(AddressList.parse(null).isEmpty());
        assertFalse(AddressList.parse(" , ").contains("127.0.0.1"));
    }

    @Test
    void addressesAndBlocksOfBothFamilies() {
        AddressList list = AddressList.parse("127.0.0.1, 10.1.0.0/16 ,::1,fd00::/8");
        assertTrue(list.contains("127.0.0.1"));
        assertFalse(list.contains("127.0.0.2"));
        assertTrue(list.contains("10.1.255.3"));
        assertFalse(list.contains("10.2.0.1"));
        assertTrue(list.contains("0:0:0:0:0:0:0:1"));
        assertTrue(list.contains("fd12:3456::9"));
        assertFalse(list.contains("fe80::1"));
        assertFalse(list.contains(null));
        assertFalse(list.contains("localhost"), "no name is looked up");
    }

    @Test
    void aZeroPrefixTakesEveryAddressOfItsFamily() {
        AddressList list = AddressList.parse("0.0.0.0/0");
        assertTrue(list.contains("203.0.113.9"));
        assertFalse(list.contains("::1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "10.0.0", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/x", "1.2.3.4.5",
        "example.org/8"})
    void anEntryThatIsNoAddressIsRefused(String entry) {
        assertThrows(IllegalArgumentException.class, () -> AddressList.parse("127.0.0.1," + entry));
    }
}
