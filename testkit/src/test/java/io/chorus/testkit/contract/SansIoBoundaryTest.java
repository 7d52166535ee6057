package io.chorus.testkit.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Principle 1 as a test, for every protocol module: it sees the world only through the SPI. It depends on the
 * api and the JDK alone (no Netty, MapDB, Guice, server, nor another protocol module), and never reads a clock,
 * sleeps, draws its own randomness or starts threads, so the same code runs under the simulator and the server
 * and a seed replays exactly. A new protocol module adds its package to the lists below.
 */
class SansIoBoundaryTest {
    private static JavaClasses classesOf(String protocolPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(protocolPackage);
        if (classes.isEmpty()) {
            throw new IllegalStateException("no classes in " + protocolPackage);
        }
        return classes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.chorus.zab", "io.chorus.paxos"})
    void dependsOnTheApiAndTheJdkOnly(String protocolPackage) {
        noClasses().that().resideInAPackage(protocolPackage + "..")
                .should().dependOnClassesThat().resideOutsideOfPackages(protocolPackage + "..", "io.chorus.api..",
                        "java..")
                .check(classesOf(protocolPackage));
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.chorus.zab", "io.chorus.paxos"})
    void neverReadsAClockSleepsOrDrawsItsOwnRandomness(String protocolPackage) {
        noClasses().that().resideInAPackage(protocolPackage + "..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .check(classesOf(protocolPackage));
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.chorus.zab", "io.chorus.paxos"})
    void startsNoThreadsAndTouchesNoFilesOrSockets(String protocolPackage) {
        noClasses().that().resideInAPackage(protocolPackage + "..")
                .should().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.Executor.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Timer.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                        "java.nio.file..")
                .orShould().dependOnClassesThat().areAssignableTo(java.io.File.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.FileInputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.FileOutputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.RandomAccessFile.class)
                .check(classesOf(protocolPackage));
    }
}
