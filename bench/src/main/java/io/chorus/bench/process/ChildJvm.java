package io.chorus.bench.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a server's child JVM is launched: the java binary, the classpath (this JVM's own, so the child
 * runs exactly the code that was built) and the maximum heap, the same for every server compared.
 */
public record ChildJvm(Path javaExecutable, String classpath, String maxHeap) {
    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]");

    public ChildJvm {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classpath, "classpath");
        if (!HEAP_SIZE.matcher(maxHeap).matches()) {
            throw new IllegalArgumentException("heap must look like 512m or 2g, got '" + maxHeap + "'");
        }
    }

    /** The java binary and classpath of the running JVM, with the given maximum heap. */
    public static ChildJvm likeThisJvm(String maxHeap) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new BenchException("no java executable at " + java);
        }
        return new ChildJvm(java, System.getProperty("java.class.path"), maxHeap);
    }

    /** The jcmd binary next to the java binary. */
    public Path jcmd() {
        return javaExecutable.resolveSibling("jcmd");
    }

    /**
     * The command line: java, the shared heap and collector flags, the server's own flags, the
     * classpath, then the main class and its arguments. Both servers get G1 so their heaps are measured
     * by the same collector.
     */
    public List<String> command(List<String> jvmFlags, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseG1GC");
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classpath);
        command.addAll(mainAndArgs);
        return command;
    }
}
