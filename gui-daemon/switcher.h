/*
 * The Alt+Tab overlay (compositing backends, where the router cycles the
 * focus itself): while Alt is held after Alt+Tab, the scene shows a list of
 * the windows Alt+Tab goes through (the router's own choice, input_cycled,
 * marked), drawn by the renderers over every window (decorations/
 * deco-switcher.h). Its rows come from trusted state only: each domain's
 * configured name and label colour, the sanitized titles.
 */
#ifndef VITRINE_SWITCHER_H
#define VITRINE_SWITCHER_H

struct server;

/* Before each repaint: show, change or hide the overlay (scene.switcher),
 * damaging the scene where it changed. */
void switcher_update(struct server *srv);

#endif
