/*
 * A window's place before the domains' scale changed (new-user trials 6
 * and 7: every `set-scale 2` and back shrank GTK windows and moved them:
 * at 2 GTK doubles the window's size, the core clamps it to the work area,
 * and back at 1 GTK halves the clamped size; Firefox went from 896x796 to
 * 500x264 in two round trips, onto the other monitor).
 *
 * When the domains' scale (the first monitor's: their Xft.dpi) changes, each
 * shown managed window keeps where it was (its home) unless it has a home
 * already; when the scale comes back to the home's, each CONFIGURE of the
 * guest's that moves the window within SCALE_HOME_MS (an application such
 * as GTK resizing to the scale; Firefox does it in two steps) is answered
 * by putting the window back home, as a user's move and resize would (a
 * window that does not follow the scale is not moved); the next change
 * forgets it, as does the window's unmap. The user's own move or resize of
 * the window forgets its home, on the desktop or in the guest (a
 * client-side title bar dragged: clickguard_user_moving); a desktop window
 * manager's change with no input of the user's for a second (its size
 * hints applied to the core's clamp: Firefox on openbox) does not.
 */
#ifndef VITRINE_SCALE_HOME_H
#define VITRINE_SCALE_HOME_H

struct server;
struct window;

#define SCALE_HOME_MS 3000

/* The domains' scale changed from old percent (srv->scene.scale is the new
 * one): before the windows are placed again for the new frames. */
void scale_home_changed(struct server *srv, unsigned old);
/* The guest's CONFIGURE of win was placed. */
void scale_home_configured(struct window *win);

#endif
