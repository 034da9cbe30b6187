/**
 * The study report: HTML sections with plots drawn as plain SVG (line plots, heat maps with a viridis colour
 * bar), tables with CSV, the verdict in plain language, and {@code results.json}. It reads stored results and
 * fitted models; it may use every other {@code dev.psi.lab} package, psi-core, the store and Jackson, and it
 * trains nothing.
 */
package dev.psi.lab.report;
