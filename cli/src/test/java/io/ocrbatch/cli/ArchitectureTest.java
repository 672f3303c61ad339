package io.ocrbatch.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of DESIGN.md ("Modules") and no package cycles, over every module's main
 * classes (this module sees them all): cli → api/worker → activities → workflows.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(
                location ->
                    !location.contains(
                        "-tests.jar")) // other modules' test-jars, as `verify` packages them
            .importPackages("io.ocrbatch");
  }

  @Test
  void workflowsImportNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("io.ocrbatch.workflows..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.ocrbatch.activities..",
            "io.ocrbatch.worker..",
            "io.ocrbatch.api..",
            "io.ocrbatch.cli..")
        .check(classes);
  }

  @Test
  void nothingImportsTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.ocrbatch.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.ocrbatch.cli..")
        .check(classes);
  }

  @Test
  void modulesDependOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("io.ocrbatch..")
        .layer("cli")
        .definedBy("io.ocrbatch.cli..")
        .layer("api")
        .definedBy("io.ocrbatch.api..")
        .layer("worker")
        .definedBy("io.ocrbatch.worker..")
        .layer("activities")
        .definedBy("io.ocrbatch.activities..")
        .layer("workflows")
        .definedBy("io.ocrbatch.workflows..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("api")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("worker")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("activities")
        .mayOnlyBeAccessedByLayers("api", "worker", "cli")
        .whereLayer("workflows")
        .mayOnlyBeAccessedByLayers("activities", "api", "worker", "cli")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.ocrbatch.(**)").should().beFreeOfCycles().check(classes);
  }
}
