package org.tokenmint.platform.control;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * MicroProfile Config's converter for {@link PositiveInt}, registered in
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.Converter}. As the {@link Converter} contract asks, it
 * refuses a value it cannot convert with an {@link IllegalArgumentException}; {@link Settings#positiveInt} then takes
 * the default.
 */
public class PositiveIntConverter implements Converter<PositiveInt> {

    @Override
    public PositiveInt convert(String value) {
        return PositiveInt.read(value).orElseThrow(() -> new IllegalArgumentException("not a positive number"));
    }
}
