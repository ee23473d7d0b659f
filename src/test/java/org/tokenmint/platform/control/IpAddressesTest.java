package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One text per address, whichever server printed it; no text is ever looked up as a host name. */
class IpAddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1|127.0.0.1",
        " 10.0.0.7 |10.0.0.7",
        "010.000.000.007|10.0.0.7",
        "::1|0:0:0:0:0:0:0:1",
        "0:0:0:0:0:0:0:1|0:0:0:0:0:0:0:1",
        "2001:DB8::1|2001:db8:0:0:0:0:0:1",
        "::ffff:192.0.2.1|192.0.2.1",
        "fe80::1%eth0|fe80:0:0:0:0:0:0:1%eth0",
        "999.1.1.1|999.1.1.1",
        "localhost|localhost",
        "Example.COM|example.com",
        "ab:cd|ab:cd",
        "1.2.3|1.2.3",
    })
    void canonicalForm(String text, String expected) {
        assertEquals(expected, IpAddresses.canonical(text));
    }
}
