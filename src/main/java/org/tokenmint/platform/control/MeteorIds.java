package org.tokenmint.platform.control;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Meteor's {@code Random.id()}, the ids of users and custom roles: 17 characters from an alphabet without look-alikes. */
public final class MeteorIds {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
    public static final int LENGTH = 17;
    private static final Pattern SHAPE = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private MeteorIds() {
    }

    public static String next() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }

    /** Whether a value can be an id at all; anything else is answered without a database round trip. */
    public static boolean isWellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }
}
