package org.tokenmint.platform.control;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.tokenmint.platform.control.JsonFuzz.Obj;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.SchemaFuzz.Rule;

/**
 * ObjectSchema itself, on schemas drawn from the fuzzer's bytes (any mix of required, optional, nullable, bounded
 * strings, arrays of scalars or of closed objects, open or closed) and nearly valid bodies: its first error is
 * ajv's (see SchemaFuzz).
 */
class ObjectSchemaFuzzTest {

    static final String[] NAMES = {"a", "b", "c", "userId", "_id", "roles"};
    static final Integer[] BOUNDS = {0, 1, 2, 5, 255};

    static Rule rule(FuzzedDataProvider data, int depth) {
        String name = data.pickValue(NAMES);
        boolean required = data.consumeBoolean();
        int kind = data.consumeInt(0, depth == 0 ? 5 : 6);
        if (kind <= 2) {
            int a = data.pickValue(BOUNDS);
            int b = data.pickValue(BOUNDS);
            return Rule.string(name, required, Math.min(a, b), Math.max(a, b), data.consumeBoolean());
        } else if (kind <= 4) {
            return Rule.of(name, required, data.pickValue(new Type[] {Type.BOOLEAN, Type.OBJECT, Type.STRING}),
                    data.consumeBoolean());
        } else if (kind == 5) {
            return Rule.arrayOf(name, required, data.consumeBoolean() ? Type.STRING : Type.BOOLEAN);
        }
        return Rule.arrayOfObjects(name, required, rules(data, depth - 1));
    }

    /** Distinct names, as a JSON schema's properties are. */
    static List<Rule> rules(FuzzedDataProvider data, int depth) {
        List<Rule> rules = new ArrayList<>();
        int size = data.consumeInt(0, 4);
        for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
            Rule rule = rule(data, depth);
            if (rules.stream().noneMatch(r -> r.name().equals(rule.name()))) {
                rules.add(rule);
            }
        }
        return rules;
    }

    static ObjectSchema build(List<Rule> rules, boolean closed) {
        ObjectSchema schema = ObjectSchema.object();
        for (Rule rule : rules) {
            if (rule.type() == Type.STRING) {
                schema.string(rule.name(), rule.required(), rule.min(), rule.max());
            } else if (rule.type() == Type.ARRAY) {
                if (rule.items() != null) {
                    schema.arrayOf(rule.name(), rule.required(), build(rule.items(), true));
                } else {
                    schema.arrayOf(rule.name(), rule.required(), rule.itemType());
                }
            } else if (rule.required()) {
                schema.required(rule.name(), rule.type());
            } else {
                schema.optional(rule.name(), rule.type());
            }
            if (rule.nullable()) {
                schema.nullable();
            }
        }
        return closed ? schema.noAdditionalProperties() : schema;
    }

    @FuzzTest(maxDuration = "2m")
    void firstErrorIsAjvs(FuzzedDataProvider data) {
        List<Rule> rules = rules(data, 1);
        boolean closed = data.consumeBoolean();
        Obj body = SchemaFuzz.bodies(rules, closed).next(data);
        SchemaFuzz.assertAgrees(build(rules, closed), rules, closed, JsonFuzz.object(body));
    }
}
