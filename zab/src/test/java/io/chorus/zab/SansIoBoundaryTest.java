package io.chorus.zab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Principle 1 as a test: Zab sees the world only through the SPI. It depends on the api and the JDK
 * alone, and never reads a clock, sleeps, draws its own randomness or starts threads, so the same code
 * runs under the simulator and the server and a seed replays exactly.
 */
class SansIoBoundaryTest {
    private static JavaClasses zab;

    @BeforeAll
    static void importZab() {
        zab = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.chorus.zab");
    }

    @Test
    void dependsOnTheApiAndTheJdkOnly() {
        noClasses().that().resideInAPackage("io.chorus.zab..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.chorus.zab..", "io.chorus.api..",
                        "java..")
                .check(zab);
    }

    @Test
    void neverReadsAClockSleepsOrDrawsItsOwnRandomness() {
        noClasses().that().resideInAPackage("io.chorus.zab..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .check(zab);
    }

    @Test
    void startsNoThreadsAndTouchesNoFilesOrSockets() {
        noClasses().that().resideInAPackage("io.chorus.zab..")
                .should().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.Executor.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Timer.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                        "java.nio.file..")
                .orShould().dependOnClassesThat().areAssignableTo(java.io.File.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.FileInputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.FileOutputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.RandomAccessFile.class)
                .check(zab);
    }
}
