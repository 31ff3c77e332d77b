/*
 * Who may move the keyboard focus on a desktop with a window manager
 * (BACKEND_CAP_WM): the user, never a domain, whatever the window manager
 * does. Issue 11 item 21; ATTACKS 11.
 *
 * The desktop's window manager gives its focus as it likes: sway and many
 * tiling window managers focus every new window, whatever
 * _NET_WM_USER_TIME says. The daemon routes every key itself (the input
 * router's focus), so it follows the desktop's focus to a guest window only
 * when the user chose that window:
 *
 *   - a click on the window (a button event the desktop delivered to it);
 *   - a focus change that follows, within FOCUS_CHOICE_MS, the user's own
 *     key or button on the desktop, and came after that window appeared: a
 *     key or a button on none of ours (the window manager's key binding, a
 *     taskbar) chooses any window if it is the first focus change since
 *     that press and the window with the keys is still shown (Alt+Tab, a
 *     taskbar's entry) - another domain's only if it was shown
 *     FOCUS_SETTLE_MS before the press and not mapped again since the keys
 *     came to theirs (openbox puts a window it maps unfocused next in its
 *     Alt+Tab order: hostile-domain trial 11 #5 mapped one again and again,
 *     and the user's Alt+Tab between two work windows landed there) -, else
 *     a window of the domain that had the keys last
 *     only (Alt+F4 closed the focused window, a host dialog's OK: the
 *     window manager falls back on a window of its own choosing); a button
 *     on a guest window, its frame or title bar (a dialog's OK that closes
 *     it too) a window of that domain only;
 *   - a move within the domain that has the focus (its dialogs), or that
 *     had it until its focused window went (FOCUS_CHOICE_MS ago at most: a
 *     dialog closed with Escape gives the keys back to its main window), or
 *     away from every guest window (keys then go to the desktop, not to us);
 *   - once the window with the keys went, a move back to the window that
 *     had them before it (the window manager's fallback after a dialog of
 *     another domain was answered).
 *
 * Anything else (a new window focused as it maps, the focus taken by the
 * window manager unprompted) is not followed: keys keep going to the window
 * the user chose, and the user gets a notice (server_notice) saying so.
 * Keys typed into a guest window are typing, never a choice of another one.
 *
 * The backend only reports: the desktop focused a window (focus_desktop),
 * and the user's input it saw (focus_user_input).
 */
#ifndef VITRINE_FOCUS_H
#define VITRINE_FOCUS_H

#include <stdbool.h>
#include <stdint.h>

struct domain;
struct server;
struct window;

/* How long after the user's action on the desktop a focus change is taken
 * as its result. */
#define FOCUS_CHOICE_MS 1000
/* How long another domain's window must have been shown for the window
 * manager's key binding (Alt+Tab) to choose it. */
#define FOCUS_SETTLE_MS 1000
/* How long a click on a guest window chooses its domain for the window
 * manager's focus change that follows, keys typed meanwhile or not: a
 * window manager busy with a flood of keymap changes (xdotool typing
 * characters the layout lacks) focused a second after the click (new-user
 * trial 13 #1) */
#define FOCUS_CLICK_MS 3000
/* How many windows that had the keys before are remembered (focus_rule). */
#define FOCUS_PREV 4

struct focus_rule {
	struct window *desk; /* the desktop's focused window; NULL: not a guest window */
	uint64_t acted_ms;   /* the user's last action that may move the focus; 0: none */
	/* the domain of the guest window it went to (kept when that window
	 * goes: a dialog's OK); NULL: none of ours */
	const struct domain *acted_dom;
	/* the domain of the guest window the user last pressed a button on,
	 * and when: keys typed since do not undo that choice (the window
	 * manager focuses after the click; on a busy desktop the next keys
	 * came first, to the window that still had them, and the click went
	 * for nothing: new-user trial 13 #1) */
	const struct domain *click_dom;
	uint64_t click_ms;
	bool after_cut_off; /* releases choose nothing until the next press */
	/* the desktop's focus moved since the last press: a release renews
	 * the action (Alt's ends Alt+Tab), but an action on none of ours then
	 * chooses no other domain's window (hostile-domain trial 7: Alt+F4's
	 * releases came after openbox's fallback, and a window held next in
	 * its focus order was focused after them) */
	bool acted_used;
	/* the domain whose window had the keys when it went (a dialog closed
	 * with Escape) or the desktop's focus left it for no guest window, and
	 * when: the window manager's next focus within that domain is
	 * followed, as a move within the focused domain */
	const struct domain *had_keys;
	uint64_t had_keys_ms;
	/* the windows of ours that had the keys before the one that has them,
	 * the last first (prev[0]; NULL: none), and when each lost them; one
	 * that goes leaves the list: when the one with the keys goes, the
	 * window manager's fallback on prev[0] within FOCUS_CHOICE_MS is
	 * followed, whatever its domain, if it was not mapped again since
	 * (new-user trial 7: a dialog of another domain answered with its own
	 * button left the keys nowhere; review: a window mapped again, or long
	 * after, is not what the user left; new-user trial 11 D6: the keys went
	 * from work's xterm to another domain's editor, then to the editor's
	 * "Save changes?", and when both went openbox's fallback on the xterm
	 * was not followed) */
	struct window *prev[FOCUS_PREV];
	uint64_t prev_ms[FOCUS_PREV];
	uint64_t keys_ms; /* when the keys last moved (to the focused window) */
	/* the window the keys left for no window of ours, until they go to a
	 * window again: back on it (openbox passes through none between two
	 * clicks on one window), it leaves prev; when it goes, it goes as the
	 * window with the keys (focus.c moved()) */
	struct window *none_from;
	/* when the keys last went to no window, by any way (focus_none: the
	 * router's too, a window gone): back on a window within
	 * FOCUS_CHOICE_MS, prev is kept (x11-focus 3b' in CI: after
	 * "untrusted / none / untrusted / none" the window to go back to was
	 * lost, and openbox's fallback on it refused) */
	uint64_t none_ms;
	uint64_t gone_ms; /* when the window with the keys last went */
	/* the name of the domain whose window that was, kept when the domain
	 * goes too (vitrine stop: the notice after it names it) */
	char gone_name[32];
	bool gone_minimized; /* it was minimized, not closed (the notice says so) */
};

enum focus_input {
	/* A key or button the desktop saw, wherever it went (XInput2 raw
	 * events on x11); reported before the event it becomes. win: for a
	 * button, the guest window it is on (its window manager's frame and
	 * title bar too): then it chooses that window only (a map flood's
	 * window that the window manager focuses at that moment is not
	 * chosen); NULL for a key or a button on none of ours (a taskbar). */
	FOCUS_INPUT_DESKTOP,
	/* The same for a press of button 1 to 3 on a guest window (win): it
	 * also chooses win's domain for the window manager's focus change that
	 * follows, keys typed meanwhile or not (focus_rule.click_dom) */
	FOCUS_INPUT_DESKTOP_CLICK,
	/* The same for a release (Alt's, ending openbox's Alt+Tab, commits
	 * its choice); not after the emergency hotkey until the next press. */
	FOCUS_INPUT_DESKTOP_RELEASE,
	/* A key the desktop delivered to a guest window (win). */
	FOCUS_INPUT_KEY,
	/* A click (a press of button 1 to 3, not the wheel) the desktop
	 * delivered to a guest window (win). */
	FOCUS_INPUT_CLICK,
	/* Any other button event the desktop delivered to a guest window
	 * (win): the wheel, a release. It chooses that window only, never
	 * whatever the window manager focuses next (hostile-domain trial 3:
	 * a click's release let a held map of another domain take the keys). */
	FOCUS_INPUT_POINTER,
};

/* The user's input, as the backend saw it (win: the guest window it went
 * to, or is on: see each kind). A click on the window the desktop has focused
 * gives it the keyboard; call before routing the event (input_button). */
void focus_user_input(struct server *srv, struct window *win, enum focus_input kind);
/* A backend's one call for a button event the desktop delivered to win (a
 * guest window; NULL: none of ours) at (x, y), output coordinates: the click
 * guard (clickguard.h), then focus_user_input (a press of button 1 to 3 is a
 * click). false: the guard took it, and nothing may be routed for it. */
bool focus_user_button(struct server *srv, struct window *win, int32_t x, int32_t y,
		       uint32_t button, bool pressed);
/* A backend's one call for the desktop's raw input (x11: XInput2, whatever
 * window has it): a key (button 0) or a button's press or release at (x, y)
 * on under's window or its window manager's frame (NULL: none of ours).
 * Counts the user's held buttons and last button (the window manager's
 * changes while they hold one are the user's: window.c), lets the click
 * guard take a press (false: no action of the user's) and tells the focus
 * rule (FOCUS_INPUT_DESKTOP, _RELEASE). */
bool focus_desktop_raw(struct server *srv, struct window *under, int32_t x, int32_t y,
		       uint32_t button, bool pressed);
/* The desktop's window manager focused win (NULL: something that is not a
 * guest window). Followed or not, by the rule above. */
void focus_desktop(struct server *srv, struct window *win);
/* The desktop's focused window, as last reported (NULL: not one of ours). */
struct window *focus_desktop_window(struct server *srv);
/* The keys went to no window (input-core.c, at every focus change). */
void focus_none(struct server *srv);
/* The user chose win through the daemon (a click it got: drm, vitrinectl
 * click; vitrinectl focus): raised, given the keys, and shown active by a
 * desktop's window manager (WIN_CHANGED_ACTIVE); a popup of the domain with
 * the keys is raised only (a menu: the keys stay on its window). */
void focus_user_chose(struct server *srv, struct window *win);
/* The focused window win is going (destroyed, or unmapped: a dialog
 * closed, the window whose close box was clicked) on a backend that is the
 * window manager (drm, headless): the keys go to the topmost other window
 * of its domain that is shown, never to another domain's; with none, they
 * stay (win unmapped) or go to no one (destroyed). Not while the domain's
 * connection ends. */
void focus_window_leaving(struct server *srv, struct window *win);
/* win was minimized (by the user on the desktop, or by its domain): on a
 * desktop (BACKEND_CAP_WM; the daemon's own output draws minimized windows)
 * it is no longer on the screen, and if it has the keys they leave it as if
 * it went, at the window manager's next focus (new-user trial 10 #1: the
 * keys stayed on a minimized terminal while openbox showed another domain's
 * dialog active); at once if the window manager focused another window
 * before (new-user trial 14 #1): to it if it is win's domain's or had the
 * keys before win, else to no window. */
void focus_window_minimized(struct server *srv, struct window *win);
/* d's connection ended (disconnected, cut off or destroyed): its windows
 * are gone, and the keys do not follow the window manager back to it (nor
 * to another domain that comes to have its address). */
void focus_domain_gone(struct server *srv, const struct domain *d);
/* win is going away (called while it may still have the keys). */
void focus_window_gone(struct server *srv, struct window *win);
/* The user cut the focused domain off (the emergency hotkey): the window
 * manager's next focus (its fallback once that domain's windows went) is no
 * choice, nor are the releases of the hotkey's keys that follow. */
void focus_cut_off(struct server *srv);

#endif
