package io.chorus.experiments.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots drawn with XChart, headless. Series are given in insertion order (a LinkedHashMap keeps the legend
 * in the order of the read modes); points that are NaN (nothing measured) are left out.
 */
public final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 540;

    private Charts() {
    }

    /** A line chart: each series maps to {x[], y[]}. Markers (vertical lines) are drawn at the given x values. */
    public static void lines(Path file, String title, String xTitle, String yTitle, Map<String, double[][]> series,
            Map<String, Double> verticalMarkers, boolean stepped) {
        headless();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        double yMax = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] points = finite(e.getValue());
            if (points[0].length == 0) {
                continue;
            }
            for (double y : points[1]) {
                yMax = Math.max(yMax, y);
            }
            XYSeries s = chart.addSeries(e.getKey(), points[0], points[1]);
            s.setMarker(points[0].length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            if (stepped) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            }
        }
        for (Map.Entry<String, Double> marker : verticalMarkers.entrySet()) {
            XYSeries s = chart.addSeries(marker.getKey(), new double[] {marker.getValue(), marker.getValue()},
                    new double[] {0, yMax == 0 ? 1 : yMax});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(java.awt.Color.GRAY);
        }
        save(chart, file);
    }

    /** A grouped bar chart: categories on x, one bar per series in each. */
    public static void bars(Path file, String title, String xTitle, String yTitle, List<String> categories,
            Map<String, List<Double>> series) {
        headless();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (Double v : e.getValue()) {
                values.add(v == null || v.isNaN() ? 0.0 : v); // unmeasured shows as no bar
            }
            chart.addSeries(e.getKey(), categories, values);
        }
        save(chart, file);
    }

    private static double[][] finite(double[][] points) {
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < points[0].length; i++) {
            if (!Double.isNaN(points[0][i]) && !Double.isNaN(points[1][i])) {
                kept.add(new double[] {points[0][i], points[1][i]});
            }
        }
        double[][] out = new double[2][kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            out[0][i] = kept.get(i)[0];
            out[1][i] = kept.get(i)[1];
        }
        return out;
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Plots are drawn off screen: no display is needed or wanted (the launcher and CI have none). */
    private static void headless() {
        System.setProperty("java.awt.headless", "true");
    }
}
