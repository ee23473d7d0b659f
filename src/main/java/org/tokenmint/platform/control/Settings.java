package org.tokenmint.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Where every default lives, and numeric settings read the way Rocket.Chat reads them.
 *
 * <p>Every setting that has a default has it in {@value #DEFAULTS}, and only there: MicroProfile Config reads that file
 * as its lowest-priority source (ordinal 100), below environment variables (300) and system properties (400), so a
 * {@code @ConfigProperty} without {@code defaultValue} gets the file's value unless the deployment sets another.
 *
 * <p>A numeric Rocket.Chat setting that is not a positive number (zero, negative, a word, empty) means its default, not
 * a failed deployment. MicroProfile Config has no such rule, and a {@link Converter} is not told which key it converts,
 * so it cannot know the default. Hence {@link #positiveInt}: the value is converted by the {@link PositiveIntConverter}
 * registered with Config, and a value it refuses is replaced by the default, read from the same file. The file is read
 * from the class path rather than found among Config's sources because the implementations do not name that source
 * alike (SmallRye Config on WildFly names it after the file's URL, Payara's own implementation just
 * {@code Properties}).
 */
public final class Settings {

    /** The one file of defaults, read by MicroProfile Config and, for the defaults alone, by {@link #defaultValue}. */
    public static final String DEFAULTS = "META-INF/microprofile-config.properties";

    private Settings() {
    }

    /**
     * The setting as a positive whole number: its configured value converted by Config's {@link PositiveInt}
     * converter, or the default when that value is unset, empty or refused.
     *
     * @throws IllegalStateException when no converter for {@link PositiveInt} is registered or the default is not a
     *         positive number: a broken WAR must fail its deployment, not quietly run on defaults
     */
    public static int positiveInt(Config config, String key) {
        Converter<PositiveInt> converter = config.getConverter(PositiveInt.class).orElseThrow(
                () -> new IllegalStateException("No MicroProfile Config converter for " + PositiveInt.class.getName()));
        return positiveInt(key, config.getOptionalValue(key, String.class), converter);
    }

    /** The configured value when the converter takes it, else the default, which it must take. */
    static int positiveInt(String key, Optional<String> configured, Converter<PositiveInt> converter) {
        return configured.flatMap(value -> converted(value, converter))
                .or(() -> defaultValue(key).flatMap(value -> converted(value, converter)))
                .orElseThrow(() -> new IllegalStateException(key + " has no positive default in " + DEFAULTS))
                .value();
    }

    private static Optional<PositiveInt> converted(String value, Converter<PositiveInt> converter) {
        try {
            return Optional.ofNullable(converter.convert(value));
        } catch (IllegalArgumentException refused) {
            return Optional.empty();
        }
    }

    /**
     * The key's value in the first {@value #DEFAULTS} on this WAR's class path that names it (libraries may bring files
     * of their own, never with tokenmint's keys).
     */
    static Optional<String> defaultValue(String key) {
        try {
            Enumeration<URL> files = Settings.class.getClassLoader().getResources(DEFAULTS);
            while (files.hasMoreElements()) {
                String value = load(files.nextElement()).getProperty(key);
                if (value != null) {
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(URL file) throws IOException {
        URLConnection connection = file.openConnection();
        connection.setUseCaches(false);
        Properties properties = new Properties();
        try (InputStream in = connection.getInputStream()) {
            properties.load(in);
        }
        return properties;
    }
}
