package org.tokenmint.platform.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every answer of this route writes one audit line ({@link AuditLine}): {@code value} names the event ({@code mint},
 * {@code login}). The route may name its target and contract in the request attributes {@link #TARGET} and
 * {@link #CONTRACT} as soon as it knows them; a refusal before that (authentication, rate limit, a body that does not
 * parse) is written with what is known.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    String TARGET = "org.tokenmint.audit.target";
    String CONTRACT = "org.tokenmint.audit.contract";

    String value();

    /** The contract written when the route names none in {@link #CONTRACT} (a route with only one). */
    String contract() default "";
}
