package io.chorus.experiments;

/**
 * How big an experiment runs: {@code TINY} for the tests that keep each experiment from rotting, {@code QUICK}
 * for {@code --quick} (a couple of minutes on two cores), {@code FULL} for the whole sweep.
 */
public enum Scale {
    TINY, QUICK, FULL
}
