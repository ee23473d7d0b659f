package org.tokenmint.platform.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Client addresses in one canonical text form, so that every server and every setting names an address alike:
 * WildFly and Payara may print the same IPv6 address differently ({@code ::1}, {@code 0:0:0:0:0:0:0:1}), and an
 * IPv4-mapped IPv6 address is its IPv4 address. Never resolves a name: text that is not an address literal is kept
 * as it is (trimmed, lower-cased), so it matches only itself.
 */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Starts like an IPv6 literal, so {@link InetAddress#getByName} parses it and never asks DNS. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private IpAddresses() {
    }

    /** The canonical form of an address literal (IPv4 dotted quad, IPv6 in full, zone id kept), else the text. */
    public static String canonical(String text) {
        String trimmed = text.trim();
        if (IPV4.matcher(trimmed).matches()) {
            return ipv4(trimmed);
        }
        int zone = trimmed.indexOf('%');
        String address = zone < 0 ? trimmed : trimmed.substring(0, zone);
        if (!IPV6.matcher(address).matches()) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        try {
            // a text with a colon is parsed as an IPv6 literal or refused, never looked up
            String canonical = InetAddress.getByName(address).getHostAddress();
            return zone < 0 ? canonical : canonical + trimmed.substring(zone);
        } catch (UnknownHostException notALiteral) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
    }

    /** Four decimal numbers up to 255, without leading zeros; anything else is kept as text. */
    private static String ipv4(String dotted) {
        StringBuilder canonical = new StringBuilder();
        for (String part : dotted.split("\\.")) {
            int value = Integer.parseInt(part);
            if (value > 255) {
                return dotted;
            }
            canonical.append(canonical.length() == 0 ? "" : ".").append(value);
        }
        return canonical.toString();
    }
}
