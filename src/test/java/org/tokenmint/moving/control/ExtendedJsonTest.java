package org.tokenmint.moving.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtendedJsonTest {

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void datesInEveryFormMongoexportWrites() {
        Instant expected = Instant.parse("2024-05-01T10:00:00.123Z");
        assertEquals(Optional.of(expected), ExtendedJson.date(json("{\"$date\":\"2024-05-01T10:00:00.123Z\"}")));
        assertEquals(Optional.of(expected), ExtendedJson.date(json("{\"$date\":\"2024-05-01T12:00:00.123+02:00\"}")));
        assertEquals(Optional.of(expected),
                ExtendedJson.date(json("{\"$date\":{\"$numberLong\":\"" + expected.toEpochMilli() + "\"}}")));
        assertEquals(Optional.of(expected), ExtendedJson.date(json("{\"$date\":" + expected.toEpochMilli() + "}")));
        assertEquals(Optional.of(Instant.ofEpochMilli(-1000)),
                ExtendedJson.date(json("{\"$date\":{\"$numberLong\":\"-1000\"}}")));
    }

    @Test
    void whatIsNoDateReadsAsEmpty() {
        for (String text : new String[] {"\"2024-05-01T10:00:00Z\"", "{\"$date\":\"yesterday\"}", "{\"$date\":null}",
                "{\"$date\":\"2024-05-01T10:00:00\"}", "{\"$date\":{\"$numberLong\":\"1e400\"}}", "null", "17",
                "{\"$date\":\"2024-05-01T10:00:00Z\",\"x\":1}", "{\"$date\":{\"$numberLong\":\"99999999999999999999\"}}"}) {
            assertEquals(Optional.empty(), ExtendedJson.date(json(text)), text);
        }
    }

    @Test
    void numbersPlainAndTyped() {
        assertEquals(Optional.of(new BigDecimal("2")), ExtendedJson.number(json("2")));
        assertEquals(Optional.of(new BigDecimal("2")), ExtendedJson.number(json("{\"$numberInt\":\"2\"}")));
        assertEquals(Optional.of(new BigDecimal("90")), ExtendedJson.number(json("{\"$numberLong\":\"90\"}")));
        assertEquals(Optional.of(new BigDecimal("5.5")), ExtendedJson.number(json("{\"$numberDouble\":\"5.5\"}")));
        assertEquals(Optional.empty(), ExtendedJson.number(json("{\"$numberDouble\":\"NaN\"}")));
        assertEquals(Optional.empty(), ExtendedJson.number(json("\"5\"")));
    }

    @Test
    void stringsAndObjectIds() {
        assertEquals(Optional.of("abc"), ExtendedJson.string(json("\"abc\"")));
        assertEquals(Optional.of("65f0c0ffee0123456789abcd"),
                ExtendedJson.string(json("{\"$oid\":\"65f0c0ffee0123456789abcd\"}")));
        assertEquals(Optional.empty(), ExtendedJson.string(json("12")));
        assertEquals(Optional.empty(), ExtendedJson.string(null));
        assertEquals(Optional.of(true), ExtendedJson.bool(json("true")));
        assertEquals(Optional.empty(), ExtendedJson.bool(json("\"true\"")));
    }
}
