package io.chorus.experiments;

import io.chorus.api.spi.LeaderReadMode;
import io.chorus.experiments.run.ReadMode;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * {@code --linearizable-reads readindex|lease|both}: which ways of confirming LINEARIZABLE reads an experiment
 * measures, each as its own read mode (LINEARIZABLE for ReadIndex, LINEARIZABLE-LEASE for the lease) on an
 * ensemble configured for it.
 */
public enum LinearizableReads {
    READINDEX(List.of(ReadMode.LINEARIZABLE)),
    LEASE(List.of(ReadMode.LINEARIZABLE_LEASE)),
    BOTH(List.of(ReadMode.LINEARIZABLE, ReadMode.LINEARIZABLE_LEASE));

    private final List<ReadMode> modes;

    LinearizableReads(List<ReadMode> modes) {
        this.modes = modes;
    }

    /** The LINEARIZABLE modes measured, ReadIndex first. */
    public List<ReadMode> modes() {
        return modes;
    }

    /** How the ensembles confirm LINEARIZABLE reads, one per mode of {@link #modes}. */
    public List<LeaderReadMode> leaderReads() {
        return modes.stream().map(ReadMode::leaderReads).toList();
    }

    /** As the option spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LinearizableReads parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "readindex", "read-index", "read_index" -> READINDEX;
            case "lease" -> LEASE;
            case "both" -> BOTH;
            default -> throw new IllegalArgumentException("must be readindex, lease or both, not '" + value + "'");
        };
    }

    /** picocli's converter for the option. */
    public static final class Converter implements CommandLine.ITypeConverter<LinearizableReads> {
        @Override
        public LinearizableReads convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
