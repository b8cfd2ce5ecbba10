package io.kizuna.platform;

/**
 * Fills an empty installation with demo data when {@code KIZUNA_DEMO=true}. Each module that has demo data
 * provides one; they run in {@link #order()} on start, and each must skip itself when its data already exists.
 */
public interface DemoSeeder {
    int order();

    void seed();
}
