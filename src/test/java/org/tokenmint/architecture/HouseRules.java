package org.tokenmint.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The house's dependency rules, for any root package whose features are listed from left to right: a feature imports
 * only features to its right ({@code sessions → tokens → users → access}), never one to its left, so no two features
 * import each other; a feature's boundary never calls another feature's boundary; and {@code platform} knows no
 * feature. What must flow back goes as a CDI event or through an interface that the right-hand feature declares. And
 * a permission is required one way (see {@link #permissionsRequiredOneWay}).
 */
final class HouseRules {

    static final String PLATFORM = "platform";

    private HouseRules() {
    }

    /** No cycle between the top-level packages below the root (features and platform). */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(false);
    }

    /** Each feature imports only those listed to its right. */
    static ArchRule dependOnlyRightwards(String root, List<String> features) {
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 1; i < features.size(); i++) {
            String[] leftOf = features.subList(0, i).stream().map(f -> root + "." + f + "..").toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(root + "." + features.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(leftOf)
                    .because("features depend one way: " + String.join(" -> ", features)).allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules);
    }

    /** A feature's boundary (its routes and filters) never calls another feature's boundary. */
    static ArchRule boundariesStayApart(String root, List<String> features) {
        List<ArchRule> rules = new ArrayList<>();
        for (String feature : features) {
            String[] others = features.stream().filter(f -> !f.equals(feature)).map(f -> root + "." + f + ".boundary..")
                    .toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(root + "." + feature + ".boundary..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("each route lives in the feature that owns its rule").allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules);
    }

    /** platform knows no feature. */
    static ArchRule platformKnowsNoFeature(String root, List<String> features) {
        return noClasses().that().resideInAPackage(root + "." + PLATFORM + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        features.stream().map(f -> root + "." + f + "..").toArray(String[]::new))
                .because("platform is below every feature");
    }

    /**
     * A route's permission is declared with {@code @RequiresPermission} and enforced by the interceptor: nothing but
     * {@code access.control.PermissionInterceptor} calls {@code Permissions.require}. The few rules an annotation
     * cannot place call {@code Permissions.requireHere}, and only from the methods listed ({@code Class.method}, by
     * full class name; a lambda counts as the method that holds it).
     */
    /** Every logger is made by {@code logs} (which tags what it writes with the request id): none by hand. */
    static ArchRule loggersFromOnePlace(String logs) {
        return noClasses().that().doNotHaveFullyQualifiedName(logs)
                .should().callMethod(java.util.logging.Logger.class, "getLogger", String.class)
                .because("a line written while a request is served must carry its request id (" + logs + ")");
    }

    static ArchRule permissionsRequiredOneWay(String root, Set<String> requireHereIn) {
        String permissions = root + ".access.control.Permissions";
        String interceptor = root + ".access.control.PermissionInterceptor";
        ArchRule onlyTheInterceptor = noClasses().that().doNotHaveFullyQualifiedName(interceptor)
                .should().callMethodWhere(calls(permissions, "require"))
                .because("a route's permission is declared with @RequiresPermission, which the interceptor enforces");
        ArchRule onlyTheListed = noClasses()
                .should().callMethodWhere(calls(permissions, "requireHere").and(DescribedPredicate.describe(
                        "from a method other than " + requireHereIn,
                        call -> !requireHereIn.contains(methodOf(call.getOrigin())))))
                .because("only a rule that no annotation can place is checked inside a method");
        return CompositeArchRule.of(onlyTheInterceptor).and(onlyTheListed);
    }

    private static DescribedPredicate<JavaMethodCall> calls(String owner, String method) {
        return target(owner(name(owner))).and(target(name(method))).forSubtype();
    }

    /** {@code Class.method}; a lambda's synthetic {@code lambda$method$0} counts as {@code method}. */
    private static String methodOf(JavaCodeUnit unit) {
        String name = unit.getName();
        String method = name.startsWith("lambda$") ? name.split("\\$")[1] : name;
        return unit.getOwner().getName() + "." + method;
    }
}
