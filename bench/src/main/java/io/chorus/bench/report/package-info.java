/**
 * Markdown tables of what the bench measured: one column per server, and the ratio of the second to
 * the first when both ran. Pure formatting: no I/O, no clocks.
 */
package io.chorus.bench.report;
