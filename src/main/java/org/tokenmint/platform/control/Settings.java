package org.tokenmint.platform.control;

/** Reading numeric settings the way Rocket.Chat does: a non-positive or unreadable value means the default. */
public final class Settings {

    private Settings() {
    }

    /** The value as a whole number (a fraction is cut off), or the fallback when it is not a positive number. */
    public static int positiveInt(String value, int fallback) {
        try {
            int parsed = (int) Math.floor(Double.parseDouble(value.trim()));
            return parsed > 0 ? parsed : fallback;
        } catch (RuntimeException notANumber) {
            return fallback;
        }
    }
}
