package org.tokenmint.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tokenmint.JaxRsActivator;
import org.tokenmint.platform.control.LogsTest;

/**
 * The house reads one way down. The rules run on the production classes, and on a small fixture house that breaks
 * each of them once, so that a rule that could never fail would show here.
 */
class ArchitectureTest {

    static final String ROOT = "org.tokenmint";
    static final List<String> FEATURES = List.of("moving", "sessions", "tokens", "users", "access");

    /** The production classes, read from where they were compiled (scanning every jar for the package is slow). */
    static final JavaClasses PRODUCTION = new ClassFileImporter().importPath(classesOf(JaxRsActivator.class));

    /**
     * The only methods that check a permission in their body, each because the route's check order or a condition puts
     * the check where no annotation can (see PermissionInterceptor).
     */
    static final Set<String> REQUIRE_HERE_IN = Set.of(
            ROOT + ".users.control.Users.create",
            ROOT + ".access.control.Memberships.addUserToRole",
            ROOT + ".tokens.control.Tokens.createToken");

    static final String FIXTURE = "org.tokenmint.architecture.fixture";
    static final List<String> FIXTURE_FEATURES = List.of("left", "right");

    static JavaClasses fixture(String house) {
        return new ClassFileImporter().importPath(classesOf(ArchitectureTest.class)
                .resolve((FIXTURE + "." + house).replace('.', '/')));
    }

    static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rules name packages: each feature must still be where they look, or they would pass vacuously. */
    @Test
    void everyFeatureHasABoundaryAndAControl() {
        for (String feature : FEATURES) {
            for (String layer : List.of("boundary", "control")) {
                String name = ROOT + "." + feature + "." + layer;
                assertTrue(PRODUCTION.stream().anyMatch(c -> c.getPackageName().equals(name)), name);
            }
        }
    }

    @Test
    void featuresFormNoCycle() {
        HouseRules.noCycles(ROOT).check(PRODUCTION);
    }

    @Test
    void featuresDependOnlyRightwards() {
        HouseRules.dependOnlyRightwards(ROOT, FEATURES).check(PRODUCTION);
    }

    @Test
    void boundariesDoNotCallEachOther() {
        HouseRules.boundariesStayApart(ROOT, FEATURES).check(PRODUCTION);
    }

    @Test
    void platformKnowsNoFeature() {
        HouseRules.platformKnowsNoFeature(ROOT, FEATURES).check(PRODUCTION);
    }

    @Test
    void permissionsAreRequiredOneWay() {
        HouseRules.permissionsRequiredOneWay(ROOT, REQUIRE_HERE_IN).check(PRODUCTION);
    }

    @Test
    void loggersComeFromLogs() {
        HouseRules.loggersFromOnePlace(ROOT + ".platform.control.Logs").check(PRODUCTION);
        // a class that makes its own logger breaks the rule (this test's neighbour does, to capture what Logs writes)
        assertThrows(AssertionError.class, () -> HouseRules.loggersFromOnePlace(ROOT + ".platform.control.Logs")
                .check(new ClassFileImporter().importClasses(LogsTest.class)));
    }

    @Test
    void thePermissionRuleFailsOnEitherCheckOutsideItsPlaceAndPassesWithout() {
        String house = FIXTURE + ".permissions";
        Set<String> listed = Set.of(house + ".access.control.Grants.grant", house + ".access.control.Grants.mint");
        JavaClasses classes = fixture("permissions");
        assertThrows(AssertionError.class, () -> HouseRules.permissionsRequiredOneWay(house, listed)
                .check(classes.that(not(simpleName("InlineCaller")))));
        assertThrows(AssertionError.class, () -> HouseRules.permissionsRequiredOneWay(house, listed)
                .check(classes.that(not(simpleName("RequireCaller")))));
        HouseRules.permissionsRequiredOneWay(house, listed)
                .check(classes.that(not(simpleName("InlineCaller")).and(not(simpleName("RequireCaller")))));
    }

    @Test
    void eachRuleFailsOnAHouseThatBreaksIt() {
        String cycle = FIXTURE + ".cycle";
        assertThrows(AssertionError.class, () -> HouseRules.noCycles(cycle).check(fixture("cycle")));
        assertThrows(AssertionError.class,
                () -> HouseRules.dependOnlyRightwards(cycle, FIXTURE_FEATURES).check(fixture("cycle")));
        String boundaries = FIXTURE + ".boundaries";
        assertThrows(AssertionError.class,
                () -> HouseRules.boundariesStayApart(boundaries, FIXTURE_FEATURES).check(fixture("boundaries")));
        String platform = FIXTURE + ".platform";
        assertThrows(AssertionError.class,
                () -> HouseRules.platformKnowsNoFeature(platform, FIXTURE_FEATURES).check(fixture("platform")));
    }

    @Test
    void aHouseThatKeepsTheRulesPasses() {
        String clean = FIXTURE + ".clean";
        HouseRules.noCycles(clean).check(fixture("clean"));
        HouseRules.dependOnlyRightwards(clean, FIXTURE_FEATURES).check(fixture("clean"));
        HouseRules.boundariesStayApart(clean, FIXTURE_FEATURES).check(fixture("clean"));
        HouseRules.platformKnowsNoFeature(clean, FIXTURE_FEATURES).check(fixture("clean"));
    }
}
