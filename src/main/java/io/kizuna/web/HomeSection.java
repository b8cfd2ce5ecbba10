package io.kizuna.web;

import gg.jte.Content;

/** Something another module shows on the home page (featured member photos), so {@code web} never depends on it. */
public interface HomeSection {
    int order();

    /** The section for this request (the viewer is {@code page.actor()}). */
    Content render(PageContext page);
}
