package casetrack.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries: the command side never uses the query side, and the shared contract stays framework-free. */
class ModuleBoundariesTest {

    private final JavaClasses commandSide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("casetrack.command");

    private final JavaClasses shared = new ClassFileImporter().importPackages("casetrack.shared");

    @Test
    void theCommandSideNeverImportsTheQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("casetrack.query..").check(commandSide);
    }

    @Test
    void theSharedContractHasNoSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(shared);
    }

    @Test
    void theSharedContractUsesOnlyAxonAnnotations() {
        noClasses().should().dependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("Axon classes other than annotations",
                                c -> c.getPackageName().startsWith("org.axonframework") && !c.isAnnotation()))
                .check(shared);
    }
}
