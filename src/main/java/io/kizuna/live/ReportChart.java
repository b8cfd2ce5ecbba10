package io.kizuna.live;

import io.kizuna.live.Views.Point;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart of a report series, laid out for server-rendered SVG ({@code live/chart.jte}): bars scaled to the
 * largest value, with time labels in Japan time at the first, middle and last bar.
 */
public record ReportChart(String title, List<Bar> bars, long max, List<Label> labels) {
    public static final int WIDTH = 600;
    public static final int HEIGHT = 160;
    private static final int BOTTOM = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    public record Bar(double x, double y, double width, double height, String time, long value) {}

    public record Label(double x, String text) {}

    public static ReportChart of(String title, List<Point> points) {
        long max = Math.max(1, points.stream().mapToLong(Point::value).max().orElse(1));
        var bars = new ArrayList<Bar>();
        double slot = points.isEmpty() ? 0 : (double) WIDTH / points.size();
        double plot = HEIGHT - BOTTOM;
        for (int i = 0; i < points.size(); i++) {
            var p = points.get(i);
            double h = plot * p.value() / max;
            bars.add(new Bar(i * slot + slot * 0.1, plot - h, Math.max(1, slot * 0.8), h, TIME.format(p.at()), p.value()));
        }
        var labels = new ArrayList<Label>();
        if (!bars.isEmpty()) {
            for (int i : new int[] {0, bars.size() / 2, bars.size() - 1}) {
                if (labels.stream().noneMatch(l -> l.text().equals(bars.get(i).time()))) labels.add(new Label(bars.get(i).x(), bars.get(i).time()));
            }
        }
        return new ReportChart(title, bars, max, labels);
    }

    public boolean empty() {
        return bars.isEmpty();
    }

    public int labelY() {
        return HEIGHT - 5;
    }
}
