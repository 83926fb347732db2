package routes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rule of the README's "Code map", on the main classes: packages form no circle; the composition
 * root {@code app} is imported by nothing (the entry point names its classes); {@code platform} stands on no feature
 * package; the demo peers in {@code sandbox} are known to {@code app} alone; the REST facade ({@code api}) and {@code ops} hold no
 * SQL: they call services, and only stores touch JDBC.
 */
@AnalyzeClasses(packages = "routes", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCircle = slices().matching("routes.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothingImportsTheCompositionRoot = noClasses()
            .that().resideOutsideOfPackage("routes.app..")
            .should().dependOnClassesThat().resideInAPackage("routes.app..");

    @ArchTest
    static final ArchRule platformStandsOnNoFeature = noClasses()
            .that().resideInAPackage("routes.platform..")
            .should().dependOnClassesThat(resideInAPackage("routes..").and(not(resideInAPackage("routes.platform.."))));

    @ArchTest
    static final ArchRule onlyTheCompositionRootKnowsTheSandbox = noClasses()
            .that().resideOutsideOfPackages("routes.sandbox..", "routes.app..")
            .should().dependOnClassesThat().resideInAPackage("routes.sandbox..");

    @ArchTest
    static final ArchRule facadeAndOpsHoldNoSql = noClasses()
            .that().resideInAnyPackage("routes.api..", "routes.ops..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("routes.platform.Tx")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("routes.platform.NamedQuery")
            .because("the REST facade and ops call services; SQL lives in the store of its table");
}
