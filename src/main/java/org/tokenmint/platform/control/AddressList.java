package org.tokenmint.platform.control;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of client addresses from a setting: comma-separated IPv4 or IPv6 addresses and CIDR blocks
 * ({@code 127.0.0.1, 10.0.0.0/8, ::1, fd00::/8}). An entry that is neither is refused when the list is read, so a typo
 * never silently opens or closes anything. Only literal addresses: no name is ever looked up.
 */
public final class AddressList {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private record Block(byte[] network, int prefix) {
    }

    private final List<Block> blocks;

    private AddressList(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Reads a setting's value; {@code null} or blank is the empty list. */
    public static AddressList parse(String setting) {
        List<Block> blocks = new ArrayList<>();
        if (setting != null) {
            for (String entry : setting.split(",")) {
                String text = entry.trim();
                if (text.isEmpty()) {
                    continue;
                }
                int slash = text.indexOf('/');
                byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
                int prefix = slash < 0 ? address.length * 8 : prefix(text.substring(slash + 1), address.length * 8, text);
                blocks.add(new Block(address, prefix));
            }
        }
        return new AddressList(List.copyOf(blocks));
    }

    /** Whether the address (as the server gives it, a literal) is in the list. */
    public boolean contains(String address) {
        if (blocks.isEmpty() || address == null || !LITERAL.matcher(address).matches()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (Block block : blocks) {
            if (block.network().length == bytes.length && samePrefix(block.network(), bytes, block.prefix())) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        if (bits == 0) {
            return true;
        }
        int shift = a.length * 8 - bits;
        return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, b).shiftRight(shift));
    }

    private static byte[] literal(String text) {
        if (!LITERAL.matcher(text).matches() || (text.indexOf(':') < 0 && text.chars().filter(c -> c == '.').count() != 3)) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    private static int prefix(String text, int max, String entry) {
        if (!text.matches("\\d{1,3}") || Integer.parseInt(text) > max) {
            throw new IllegalArgumentException("not a CIDR block: " + entry);
        }
        return Integer.parseInt(text);
    }
}
