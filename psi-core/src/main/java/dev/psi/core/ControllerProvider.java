package dev.psi.core;

import java.util.Map;

/**
 * A source of controllers beyond the built-in ones, found with {@link java.util.ServiceLoader}: a
 * module that cannot live in psi-core (the learned {@code Psi(model=FILE)} reads files) lists its
 * provider in {@code META-INF/services/dev.psi.core.ControllerProvider}, and {@link Controllers}
 * then builds its specs like any other.
 */
public interface ControllerProvider {

    /** The controllers this provider adds, by spec name; a name may not repeat a built-in one. */
    Map<String, Controllers.Factory> controllers();
}
