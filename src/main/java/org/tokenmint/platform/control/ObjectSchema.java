package org.tokenmint.platform.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The few JSON-Schema rules that Rocket.Chat's routes declare, checked in the order ajv checks them (required,
 * additionalProperties, then each property's type and length), reporting the first problem only with ajv's message.
 */
public final class ObjectSchema {

    /** The JSON types a property may be declared with. */
    public enum Type {
        STRING("string"), BOOLEAN("boolean"), OBJECT("object"), ARRAY("array");

        final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }
    }

    private record Property(String name, Type type, boolean required, int minLength, int maxLength,
            Type itemType, ObjectSchema itemSchema, boolean nullable) {

        Property asNullable() {
            return new Property(name, type, required, minLength, maxLength, itemType, itemSchema, true);
        }
    }

    private final List<Property> properties = new ArrayList<>();
    private boolean additionalProperties = true;

    public static ObjectSchema object() {
        return new ObjectSchema();
    }

    public ObjectSchema required(String name, Type type) {
        return add(new Property(name, type, true, 0, Integer.MAX_VALUE, null, null, false));
    }

    public ObjectSchema optional(String name, Type type) {
        return add(new Property(name, type, false, 0, Integer.MAX_VALUE, null, null, false));
    }

    /** A string property with bounds on its length. */
    public ObjectSchema string(String name, boolean required, int minLength, int maxLength) {
        return add(new Property(name, Type.STRING, required, minLength, maxLength, null, null, false));
    }

    /** An array property whose items are all of one scalar type. */
    public ObjectSchema arrayOf(String name, boolean required, Type itemType) {
        return add(new Property(name, Type.ARRAY, required, 0, Integer.MAX_VALUE, itemType, null, false));
    }

    /** An array property whose items are objects of the given schema. */
    public ObjectSchema arrayOf(String name, boolean required, ObjectSchema itemSchema) {
        return add(new Property(name, Type.ARRAY, required, 0, Integer.MAX_VALUE, Type.OBJECT, itemSchema, false));
    }

    /** Lets the property last declared also be {@code null} (JSON Schema's {@code nullable: true}). */
    public ObjectSchema nullable() {
        properties.set(properties.size() - 1, properties.get(properties.size() - 1).asNullable());
        return this;
    }

    public ObjectSchema noAdditionalProperties() {
        additionalProperties = false;
        return this;
    }

    private ObjectSchema add(Property property) {
        properties.add(property);
        return this;
    }

    /** Throws the invalid-params envelope for the first problem found. */
    public void validate(JsonObject body) {
        for (Property p : properties) {
            if (p.required() && !body.containsKey(p.name())) {
                throw ApiError.invalidParams("must have required property '" + p.name() + "'");
            }
        }
        if (!additionalProperties) {
            for (String key : body.keySet()) {
                if (properties.stream().noneMatch(p -> p.name().equals(key))) {
                    throw ApiError.invalidParams("must NOT have additional properties");
                }
            }
        }
        for (Property p : properties) {
            JsonValue value = body.get(p.name());
            if (value != null && !(p.nullable() && value.getValueType() == JsonValue.ValueType.NULL)) {
                check(p, value);
            }
        }
    }

    private static void check(Property p, JsonValue value) {
        if (!is(p.type(), value)) {
            throw ApiError.invalidParams("must be " + p.type().wireName);
        }
        if (p.type() == Type.STRING) {
            int length = ((JsonString) value).getString().codePointCount(0, ((JsonString) value).getString().length());
            if (length < p.minLength()) {
                throw ApiError.invalidParams("must NOT have fewer than " + p.minLength() + " characters");
            }
            if (length > p.maxLength()) {
                throw ApiError.invalidParams("must NOT have more than " + p.maxLength() + " characters");
            }
        }
        if (p.type() == Type.ARRAY) {
            for (JsonValue item : (JsonArray) value) {
                if (!is(p.itemType(), item)) {
                    throw ApiError.invalidParams("must be " + p.itemType().wireName);
                }
                if (p.itemSchema() != null) {
                    p.itemSchema().validate(item.asJsonObject());
                }
            }
        }
    }

    private static boolean is(Type type, JsonValue value) {
        return switch (type) {
            case STRING -> value.getValueType() == JsonValue.ValueType.STRING;
            case BOOLEAN -> value.getValueType() == JsonValue.ValueType.TRUE
                    || value.getValueType() == JsonValue.ValueType.FALSE;
            case OBJECT -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case ARRAY -> value.getValueType() == JsonValue.ValueType.ARRAY;
        };
    }
}
