package org.tokenmint.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The house's dependency rules, for any root package whose features are listed from left to right: a feature imports
 * only features to its right ({@code sessions → tokens → users → access}), never one to its left, so no two features
 * import each other; a feature's boundary never calls another feature's boundary; and {@code platform} knows no
 * feature. What must flow back goes as a CDI event or through an interface that the right-hand feature declares.
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
}
