package org.tokenmint.platform.control;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.tokenmint.platform.control.JsonFuzz.Obj;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.SchemaFuzz.Rule;

/**
 * ObjectSchema itself, on random schemas (any mix of required, optional, nullable, bounded strings, arrays of
 * scalars or of closed objects, open or closed) and nearly valid bodies: its first error is ajv's (see SchemaFuzz).
 */
class ObjectSchemaPropertiesTest {

    static final String SEED = "20261202";

    record Case(List<Rule> rules, boolean closed, Obj body) {
    }

    static Arbitrary<Rule> rules(int depth) {
        Arbitrary<String> names = Arbitraries.of("a", "b", "c", "userId", "_id", "roles");
        Arbitrary<Integer> bounds = Arbitraries.of(0, 1, 2, 5, 255);
        Arbitrary<Rule> strings = Combinators.combine(names, Arbitraries.of(true, false), bounds, bounds,
                Arbitraries.of(true, false)).as((name, required, a, b, nullable) ->
                Rule.string(name, required, Math.min(a, b), Math.max(a, b), nullable));
        Arbitrary<Rule> scalars = Combinators.combine(names, Arbitraries.of(true, false),
                Arbitraries.of(Type.BOOLEAN, Type.OBJECT, Type.STRING), Arbitraries.of(true, false)).as(Rule::of);
        Arbitrary<Rule> arrays = Combinators.combine(names, Arbitraries.of(true, false),
                Arbitraries.of(Type.STRING, Type.BOOLEAN)).as(Rule::arrayOf);
        if (depth == 0) {
            return Arbitraries.oneOf(strings, scalars, arrays);
        }
        Arbitrary<Rule> objectArrays = Combinators.combine(names, Arbitraries.of(true, false),
                ruleLists(depth - 1)).as(Rule::arrayOfObjects);
        return Arbitraries.frequencyOf(Tuple.of(3, strings), Tuple.of(2, scalars), Tuple.of(1, arrays),
                Tuple.of(1, objectArrays));
    }

    /** Distinct names, as a JSON schema's properties are. */
    static Arbitrary<List<Rule>> ruleLists(int depth) {
        return rules(depth).list().ofMaxSize(4).uniqueElements(Rule::name);
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

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(ruleLists(1), Arbitraries.of(true, false)).as((rules, closed) -> Tuple.of(rules, closed))
                .flatMap(t -> SchemaFuzz.bodies(t.get1(), t.get2()).map(body -> new Case(new ArrayList<>(t.get1()),
                        t.get2(), body)));
    }

    @Property(tries = 100, seed = SEED)
    void firstErrorIsAjvs(@ForAll("cases") Case c) {
        SchemaFuzz.assertAgrees(build(c.rules(), c.closed()), c.rules(), c.closed(), JsonFuzz.object(c.body()));
    }
}
