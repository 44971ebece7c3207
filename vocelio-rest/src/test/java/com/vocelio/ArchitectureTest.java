package com.vocelio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dependency graph a newcomer can draw from the package names alone: every import between features points down
 * this list, and inside a feature from rest to boundary to control to entity. Both modules' classes are read (the
 * ejb module's are on this module's class path), so a REST resource is held to its feature's place too.
 */
class ArchitectureTest {

    /**
     * Top to bottom. A feature may use those below it, never those above; the ones on the same line are peers that
     * do not use each other. {@code event} is the outbox and its delivery; {@code platform} is tenancy, errors and
     * small helpers that know no feature.
     */
    static final List<List<String>> FEATURES = List.of(
            List.of("live", "omnichannel", "campaign"),
            List.of("analytics"),
            List.of("transfer"),
            List.of("contact"),
            List.of("call"),
            List.of("speech"),
            List.of("agent"),
            List.of("department"),
            List.of("notification"),
            List.of("identity"),
            List.of("event"),
            List.of("platform"));

    /** Inside one feature, top to bottom. */
    static final List<String> TIERS = List.of("rest", "boundary", "control", "entity");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.vocelio");
    }

    @Test
    void everyClassBelongsToAKnownFeature() {
        String[] known = FEATURES.stream()
                .flatMap(List::stream)
                .map(feature -> "com.vocelio." + feature + "..")
                .toArray(String[]::new);
        classes().should().resideInAnyPackage(known).check(classes);
    }

    @Test
    void featuresOnlyUseTheFeaturesBelowThem() {
        LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String feature : names()) {
            layers = layers.layer(feature).definedBy("com.vocelio." + feature + "..");
        }
        for (int level = 0; level < FEATURES.size(); level++) {
            String[] above =
                    FEATURES.subList(0, level).stream().flatMap(List::stream).toArray(String[]::new);
            for (String feature : FEATURES.get(level)) {
                layers = above.length == 0
                        ? layers.whereLayer(feature).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(feature).mayOnlyBeAccessedByLayers(above);
            }
        }
        layers.check(classes);
    }

    /** Every feature but {@code platform}, which has no tiers: its packages only have to stay free of cycles. */
    static Stream<String> features() {
        return Arrays.stream(names()).filter(name -> !name.equals("platform"));
    }

    @ParameterizedTest
    @MethodSource("features")
    void insideAFeatureRestUsesBoundaryUsesControlUsesEntity(String feature) {
        for (int tier = 1; tier < TIERS.size(); tier++) {
            String[] above = TIERS.subList(0, tier).stream()
                    .map(name -> "com.vocelio." + feature + "." + name + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("com.vocelio." + feature + "." + TIERS.get(tier) + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(above)
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void platformPackagesDoNotUseEachOtherInCircles() {
        slices().matching("com.vocelio.platform.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    private static String[] names() {
        return FEATURES.stream().flatMap(List::stream).toArray(String[]::new);
    }
}
