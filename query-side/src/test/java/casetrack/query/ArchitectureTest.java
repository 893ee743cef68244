package casetrack.query;

import java.sql.Connection;

import casetrack.query.store.BatchWrite;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** What may depend on what: the query side never on the command side; the contract on no framework. */
class ArchitectureTest {

    private static final JavaClasses QUERY_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("casetrack.query");
    private static final JavaClasses SHARED_EVENTS = new ClassFileImporter().importPackages("casetrack.shared");

    @Test
    void querySideDependsOnNoCommandSideClass() {
        noClasses().should().dependOnClassesThat().resideInAPackage("casetrack.command..").check(QUERY_SIDE);
    }

    /** Every array a projection writes is built by BatchWrite.array, which sends it in binary. */
    @Test
    void onlyTheBatchWriteMakesSqlArrays() {
        noClasses().that().doNotHaveFullyQualifiedName(BatchWrite.class.getName())
                .should().callMethod(Connection.class, "createArrayOf", String.class, Object[].class)
                .because("an Object[] handed to the driver goes as a text literal; BatchWrite.array sends every array in binary")
                .check(QUERY_SIDE);
    }

    @Test
    void sharedEventsUseNoSpringAndOnlyAxonAnnotations() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(SHARED_EVENTS);
        DescribedPredicate<JavaClass> axonRuntime = resideInAPackage("org.axonframework..")
                .and(DescribedPredicate.describe("not an annotation", c -> !c.isAnnotation()));
        noClasses().should().dependOnClassesThat(axonRuntime).check(SHARED_EVENTS);
    }
}
