/*
 * Unit tests of the input router with the daemon's core around it, as
 * server_init builds it (event loop, headless backend, router): two domains
 * fed through domain_feed, the user's keys and pointer through input_*, and
 * what each domain was sent read back from its send queue with vp_decode.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/config.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/pointer.h"
#include "gui-daemon/server.h"
#include "input/input.h"

#include <xkbcommon/xkbcommon.h>

static struct server srv;
static struct domain_config cfg_a, cfg_b;

/* A domain and how much of its send queue the test has read. */
struct peer {
	struct domain *d;
	size_t off;
};

static int setup(void **state)
{
	const char *why;
	(void)state;
	vlog_quiet = true;
	srv.cfg.width = 800;
	srv.cfg.height = 600;
	assert_int_equal(server_init(&srv, &headless_backend_ops), 0);
	assert_int_equal(config_parse_domain(&cfg_a, "a,label=red", &why), 0);
	assert_int_equal(config_parse_domain(&cfg_b, "b,label=blue,pointer=focused", &why), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	server_finish(&srv);
	return 0;
}

static void feed(struct domain *d, struct vp_msg *m)
{
	uint8_t buf[VP_HDR_SIZE + 256];
	size_t n = vp_encode(m, buf, sizeof(buf));
	assert_true(n > 0);
	assert_int_equal(domain_feed(d, buf, n), 0);
}

/* A connected domain with one mapped window, id 1, whose agent speaks
 * minor; nothing of what it was sent so far counts. */
static struct peer domain_of(const struct domain_config *cfg, int32_t x, uint16_t minor)
{
	struct peer p = { domain_create(&srv, cfg), 0 };
	assert_non_null(p.d);
	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello.major = VP_MAJOR;
	m.u.hello.minor = minor;
	feed(p.d, &m);
	m = (struct vp_msg){ .type = VP_CREATE, .window = 1 };
	m.u.create.r = (struct vp_rect){ x, 100, 200, 100 };
	feed(p.d, &m);
	m = (struct vp_msg){ .type = VP_MAP, .window = 1 };
	feed(p.d, &m);
	p.off = p.d->tx_len;
	return p;
}

static struct peer domain_with_window(const struct domain_config *cfg, int32_t x)
{
	return domain_of(cfg, x, VP_MINOR);
}

/* The next message p was sent, or type 0 if none. */
static struct vp_msg next(struct peer *p)
{
	struct vp_msg m = { 0 };
	const char *why = NULL;
	if (p->off == p->d->tx_len)
		return m;
	long n = vp_decode(VP_FROM_DAEMON, p->d->tx + p->off, p->d->tx_len - p->off, &m, &why);
	assert_true(n > 0);
	p->off += (size_t)n;
	return m;
}

static uint32_t key(const char *name)
{
	int level;
	uint32_t k = input_keycode_for_name(srv.input, name, &level);
	assert_true(k != 0);
	return k;
}

static struct input_target *target(struct peer *p)
{
	return window_target(domain_find_window(p->d, 1));
}

static void test_keys_follow_focus(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10), b = domain_with_window(&cfg_b, 300);
	uint32_t ka = key("a");
	input_key(srv.input, ka, true, -1); /* nobody focused: nobody hears it */
	input_key(srv.input, ka, false, -1);
	assert_int_equal(next(&a).type, 0);
	assert_int_equal(next(&b).type, 0);

	input_focus(srv.input, target(&a));
	assert_ptr_equal(server_focus(&srv), domain_find_window(a.d, 1));
	struct vp_msg m = next(&a);
	assert_int_equal(m.type, VP_KEYMAP);
	assert_int_equal(m.window, 0);
	m = next(&a);
	assert_int_equal(m.type, VP_FOCUS);
	assert_int_equal(m.u.focus.in, 1);
	assert_int_equal(m.window, 1);

	input_key(srv.input, ka, true, -1); /* held while focus moves to b */
	m = next(&a);			    /* what the layout makes of it comes first */
	assert_int_equal(m.type, VP_KEYSYM);
	assert_int_equal(m.window, 1);
	assert_int_equal(m.u.keysym.keycode, ka);
	assert_int_equal(m.u.keysym.keysym, XKB_KEY_a);
	m = next(&a);
	assert_int_equal(m.type, VP_KEY);
	assert_int_equal(m.u.key.keycode, ka);
	assert_int_equal(m.u.key.pressed, 1);
	input_focus(srv.input, target(&b));
	m = next(&a); /* released where it was pressed */
	assert_int_equal(m.type, VP_KEY);
	assert_int_equal(m.u.key.pressed, 0);
	assert_int_equal(next(&a).type, VP_FOCUS);
	m = next(&b); /* b learns the key is held, but never saw it pressed */
	assert_int_equal(m.type, VP_KEYMAP);
	assert_true(m.u.keymap.keys[ka / 8] & (1u << (ka % 8)));
	assert_int_equal(next(&b).type, VP_FOCUS);
	input_key(srv.input, ka, false, -1);
	assert_int_equal(next(&a).type, 0);
	assert_int_equal(next(&b).type, 0);
	domain_destroy(a.d);
	domain_destroy(b.d);
}

static void test_pointer_privacy(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10), b = domain_with_window(&cfg_b, 300);
	input_motion(srv.input, target(&a), 5, 5, 0); /* a: pointer=under */
	assert_int_equal(next(&a).type, VP_MOTION);
	input_motion(srv.input, target(&b), 5, 5, 0); /* b: only while focused */
	input_button(srv.input, target(&b), 1, true, 5, 5, 0);
	assert_int_equal(next(&b).type, 0);
	input_focus(srv.input, target(&b));
	assert_int_equal(next(&b).type, VP_KEYMAP);
	assert_int_equal(next(&b).type, VP_FOCUS);
	input_motion(srv.input, target(&b), 6, 7, 0);
	struct vp_msg m = next(&b);
	assert_int_equal(m.type, VP_MOTION);
	assert_int_equal(m.u.motion.x, 6);
	assert_int_equal(m.u.motion.y, 7);
	domain_destroy(a.d);
	domain_destroy(b.d);
}

static void test_hotkeys_are_never_forwarded(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10);
	input_focus(srv.input, target(&a));
	a.off = a.d->tx_len;
	uint32_t ctrl = key("Control_L"), shift = key("Shift_L"), c = key("c");
	input_key(srv.input, ctrl, true, -1);
	input_key(srv.input, shift, true, -1);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(next(&a).type, VP_KEYSYM);
		assert_int_equal(next(&a).type, VP_KEY);
	}
	assert_int_equal(input_hotkey_for(srv.input, c, input_mods(srv.input)), HOTKEY_COPY);
	input_key(srv.input, c, true, -1);
	input_key(srv.input, c, false, -1);
	/* the copy hotkey asked a for its clipboard; a never saw the C */
	assert_int_equal(next(&a).type, VP_CLIPBOARD_REQUEST);
	assert_ptr_equal(srv.clipboard.pending, a.d);
	assert_int_equal(next(&a).type, 0);
	input_key(srv.input, shift, false, -1);
	input_key(srv.input, ctrl, false, -1);
	domain_destroy(a.d);
}

/* secure_copy_sequence = "Ctrl-Alt-c" (Qubes' name): Ctrl+Alt+C copies and
 * is never forwarded; Ctrl+Shift+C is then an ordinary key the domain gets.
 * Sequences that would clash are refused and change nothing. */
static void test_configured_sequences(void **state)
{
	(void)state;
	struct input_seq copy, paste, bad;
	assert_null(input_parse_sequence("Ctrl-Alt-c", &copy));
	assert_null(input_parse_sequence("ctrl-mod1-V", &paste));
	assert_null(input_parse_sequence("Ctrl-Alt-Shift-Escape", &bad));
	assert_string_equal(input_set_clipboard_keys(srv.input, &bad, &paste),
			    "that sequence is the emergency hotkey's or Alt+Tab's");
	assert_non_null(input_set_clipboard_keys(srv.input, &copy, &copy));
	assert_null(input_set_clipboard_keys(srv.input, &copy, &paste));
	struct peer a = domain_with_window(&cfg_a, 10);
	input_focus(srv.input, target(&a));
	uint32_t ctrl = key("Control_L"), shift = key("Shift_L"), alt = key("Alt_L"), c = key("c");
	input_key(srv.input, ctrl, true, -1);
	input_key(srv.input, shift, true, -1);
	assert_int_equal(input_hotkey_for(srv.input, c, input_mods(srv.input)), HOTKEY_NONE);
	a.off = a.d->tx_len;
	input_key(srv.input, c, true, -1);
	assert_int_equal(next(&a).type, VP_KEYSYM);
	assert_int_equal(next(&a).type, VP_KEY); /* Ctrl+Shift+C: a gets the C */
	input_key(srv.input, c, false, -1);
	input_key(srv.input, shift, false, -1);
	input_key(srv.input, alt, true, -1);
	assert_int_equal(input_hotkey_for(srv.input, c, input_mods(srv.input)), HOTKEY_COPY);
	a.off = a.d->tx_len;
	input_key(srv.input, c, true, -1);
	input_key(srv.input, c, false, -1);
	assert_int_equal(next(&a).type, VP_CLIPBOARD_REQUEST); /* and never the C */
	assert_int_equal(next(&a).type, 0);
	input_key(srv.input, alt, false, -1);
	input_key(srv.input, ctrl, false, -1);
	domain_destroy(a.d);
	assert_null(input_parse_sequence("Ctrl-Shift-c", &copy));
	assert_null(input_parse_sequence("Ctrl-Shift-v", &paste));
	assert_null(input_set_clipboard_keys(srv.input, &copy, &paste));
}

/* Alt+Tab walks down the stack (headless: the router's own), raising the
 * chosen window only when Alt is let go. */
static void test_alt_tab(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10), b = domain_with_window(&cfg_b, 300);
	struct window *wa = domain_find_window(a.d, 1), *wb = domain_find_window(b.d, 1);
	input_focus(srv.input, target(&b)); /* b is on top */
	uint32_t alt = key("Alt_L"), tab = key("Tab");
	input_key(srv.input, alt, true, -1);
	input_key(srv.input, tab, true, -1);
	input_key(srv.input, tab, false, -1);
	assert_ptr_equal(server_focus(&srv), wa);
	assert_ptr_equal(srv.scene.stack.prev, &wb->stack_link); /* not raised yet */
	input_key(srv.input, alt, false, -1);
	assert_ptr_equal(srv.scene.stack.prev, &wa->stack_link);
	domain_destroy(a.d);
	domain_destroy(b.d);
}

/* The next SET_GEOMETRY p was sent (other messages skipped). */
static struct vp_rect next_geometry(struct peer *p)
{
	struct vp_msg m;
	while ((m = next(p)).type && m.type != VP_SET_GEOMETRY)
		;
	assert_int_equal(m.type, VP_SET_GEOMETRY);
	return m.u.geometry;
}

/*
 * Super+arrow moves the focused window 16 pixels, Super+Shift+arrow grows
 * it (no desktop window manager: headless); the guest is told the new
 * geometry and never sees the arrow. Ctrl+Alt+F2 is no hotkey where the
 * backend owns no console (headless): the domain gets it.
 */
static void test_keyboard_move_resize(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10);
	struct window *w = domain_find_window(a.d, 1);
	input_focus(srv.input, target(&a));
	int32_t x0 = w->x, y0 = w->y;
	uint32_t w0 = w->w, h0 = w->h;
	uint32_t super = key("Super_L"), shift = key("Shift_L"), right = key("Right"),
		 down = key("Down");
	input_key(srv.input, super, true, -1);
	assert_int_equal(input_hotkey_for(srv.input, right, input_mods(srv.input)), HOTKEY_MOVE);
	a.off = a.d->tx_len;
	input_key(srv.input, right, true, -1);
	input_key(srv.input, right, false, -1);
	struct vp_rect r = next_geometry(&a);
	assert_int_equal(r.x, x0 + 16);
	assert_int_equal(r.y, y0);
	assert_int_equal(r.w, w0);
	assert_int_equal(w->x, x0 + 16);
	input_key(srv.input, shift, true, -1);
	assert_int_equal(input_hotkey_for(srv.input, down, input_mods(srv.input)), HOTKEY_RESIZE);
	input_key(srv.input, down, true, -1);
	input_key(srv.input, down, false, -1);
	r = next_geometry(&a);
	assert_int_equal(r.x, x0 + 16);
	assert_int_equal(r.y, y0);
	assert_int_equal(r.h, h0 + 16);
	assert_int_equal(r.w, w0);
	/* the arrows were no one's */
	struct vp_msg m;
	while ((m = next(&a)).type)
		assert_false(m.type == VP_KEY &&
			     (m.u.key.keycode == right || m.u.key.keycode == down));
	input_key(srv.input, shift, false, -1);
	input_key(srv.input, super, false, -1);
	uint32_t ctrl = key("Control_L"), alt = key("Alt_L"), f2 = key("F2");
	input_key(srv.input, ctrl, true, -1);
	input_key(srv.input, alt, true, -1);
	assert_int_equal(input_hotkey_for(srv.input, f2, input_mods(srv.input)), HOTKEY_NONE);
	a.off = a.d->tx_len;
	input_key(srv.input, f2, true, -1);
	assert_int_equal(next(&a).type, VP_KEYSYM);
	m = next(&a);
	assert_int_equal(m.type, VP_KEY);
	assert_int_equal(m.u.key.keycode, f2);
	input_key(srv.input, f2, false, -1);
	/* a backend owning the console: Ctrl+Alt+F2 is the router's */
	input_set_vt_switch(srv.input, true);
	assert_int_equal(input_hotkey_for(srv.input, f2, input_mods(srv.input)), HOTKEY_SWITCH_VT);
	input_set_vt_switch(srv.input, false);
	input_key(srv.input, alt, false, -1);
	input_key(srv.input, ctrl, false, -1);
	domain_destroy(a.d);
}

/*
 * The pointer's shape (pointer_shape, what the drm backend shows): the
 * guest's over its content, the daemon's arrow on the frame, and none of
 * a domain's with pointer privacy while it is not focused.
 */
static void test_pointer_shape(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10), b = domain_with_window(&cfg_b, 400);
	struct window *wa = domain_find_window(a.d, 1), *wb = domain_find_window(b.d, 1);
	uint32_t xterm = vp_cursor_id("xterm"), hand = vp_cursor_id("pointer");
	struct vp_msg m = { .type = VP_CURSOR, .window = 1 };
	m.u.cursor = xterm;
	feed(a.d, &m);
	m.u.cursor = hand;
	feed(b.d, &m);
	input_focus(srv.input, target(&a));
	assert_int_equal(pointer_shape(&srv, wa->x + 5, wa->y + 5), xterm);
	assert_int_equal(pointer_shape(&srv, wa->x + 5, wa->y - 5), VP_CURSOR_DEFAULT); /* title */
	/* b: pointer=focused */
	assert_int_equal(pointer_shape(&srv, wb->x + 5, wb->y + 5), VP_CURSOR_DEFAULT);
	input_focus(srv.input, target(&b));
	assert_int_equal(pointer_shape(&srv, wb->x + 5, wb->y + 5), hand);
	domain_destroy(a.d);
	domain_destroy(b.d);
}

/*
 * The desktop's keymap replaces the configured one (x11 backend): every
 * connected domain is sent its names, and each key press what that layout
 * makes of it, under the event's own modifiers and group.
 */
/* A window manager's grab took Alt's release (openbox's Alt+Tab): the
 * keyboard's state, reported after the next FocusIn (KeymapNotify), releases
 * it; the keys the control socket sends then go without Alt, and the
 * domain that was told Alt went down hears it go up. Keys still held stay. */
static void test_keys_down_resync(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10);
	input_focus(srv.input, target(&a));
	while (next(&a).type)
		;
	uint32_t alt = key("Alt_L"), shift = key("Shift_L"), ctrl = key("Control_L");
	input_key(srv.input, alt, true, 0); /* from the desktop: with its state */
	input_key(srv.input, shift, true, 0);
	input_key(srv.input, ctrl, true, -1);		/* held by the control socket */
	assert_true(input_mods(srv.input) & (1u << 3)); /* Mod1: Alt */
	while (next(&a).type)
		;
	uint8_t down[32] = { 0 };
	down[shift / 8] |= (uint8_t)(1u << (shift % 8)); /* Shift still held */
	input_keys_down(srv.input, down);
	assert_false(input_mods(srv.input) & (1u << 3)); /* Mod1: Alt */
	assert_true(input_mods(srv.input) & 1u);	 /* Shift */
	struct vp_msg m = next(&a);
	assert_int_equal(m.type, VP_KEY);
	assert_int_equal(m.u.key.keycode, alt);
	assert_int_equal(m.u.key.pressed, 0);
	assert_int_equal(next(&a).type, 0);
	input_keys_down(srv.input, (uint8_t[32]){ 0 });
	assert_false(input_mods(srv.input) & 1u); /* Shift */
	assert_true(input_mods(srv.input) & 4u);  /* Control: the control socket's */
	input_key(srv.input, ctrl, false, -1);
	input_focus(srv.input, NULL);
	domain_destroy(a.d);
}

static void test_desktop_keymap(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10), b = domain_with_window(&cfg_b, 300);
	struct xkb_context *ctx = xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES);
	struct xkb_rule_names rn = { "evdev", "pc105", "us,de", "", "" };
	struct xkb_keymap *km = xkb_keymap_new_from_names(ctx, &rn, 0);
	assert_non_null(km);
	const char *const names[5] = { "evdev", "pc105", "us,de", "", "" };
	srv.domains[0] = a.d; /* as main.c lists them */
	srv.domains[1] = b.d;
	srv.ndomains = 2;
	server_keymap_changed(&srv, km, names);
	for (struct peer *p = &a; p; p = p == &a ? &b : NULL) {
		struct vp_msg m = next(p);
		assert_int_equal(m.type, VP_LAYOUT);
		assert_memory_equal(m.u.layout.layout.bytes, "us,de", 5);
		assert_int_equal(next(p).type, 0);
	}
	server_keymap_changed(&srv, km, names); /* the same names: nothing sent */
	assert_int_equal(next(&a).type, 0);
	input_focus(srv.input, target(&a));
	a.off = a.d->tx_len;
	/* AD06 (29) and AB01 (52): y and z in group 1 (us), z and y in group 2
	 * (de, bits 13-14 of the X state); AE11 (20) is ß in de, ? with Shift */
	const struct {
		uint32_t keycode, state, keysym;
	} keys[] = { { 29, 0, XKB_KEY_y },
		     { 29, 1u << 13, XKB_KEY_z },
		     { 52, 1u << 13, XKB_KEY_y },
		     { 20, 1u << 13, XKB_KEY_ssharp },
		     { 20, (1u << 13) | 1u, XKB_KEY_question } };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		input_key(srv.input, keys[i].keycode, true, keys[i].state);
		struct vp_msg m = next(&a);
		assert_int_equal(m.type, VP_KEYSYM);
		assert_int_equal(m.u.keysym.keycode, keys[i].keycode);
		assert_int_equal(m.u.keysym.keysym, keys[i].keysym);
		m = next(&a);
		assert_int_equal(m.type, VP_KEY);
		assert_int_equal(m.u.key.state, keys[i].state);
		input_key(srv.input, keys[i].keycode, false, keys[i].state);
		assert_int_equal(next(&a).type, VP_KEY); /* a release: no KEYSYM */
	}
	assert_int_equal(next(&b).type, 0); /* b saw none of it */
	xkb_keymap_unref(km);
	xkb_context_unref(ctx);
	srv.ndomains = 0;
	domain_destroy(a.d);
	domain_destroy(b.d);
}

/* An agent of minor version 0 does not know KEYSYM: it gets KEY alone. */
static void test_old_agent_gets_no_keysym(void **state)
{
	(void)state;
	struct peer a = domain_of(&cfg_a, 10, 0);
	input_focus(srv.input, target(&a));
	a.off = a.d->tx_len;
	input_key(srv.input, key("a"), true, -1);
	struct vp_msg m = next(&a);
	assert_int_equal(m.type, VP_KEY);
	assert_int_equal(m.u.key.pressed, 1);
	input_key(srv.input, key("a"), false, -1);
	assert_int_equal(next(&a).type, VP_KEY);
	domain_destroy(a.d);
}

/* A character no key of the keymap types goes as a keycode without symbols,
 * with KEYSYM saying what it is. */
static void test_type_unmapped(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10);
	input_focus(srv.input, target(&a));
	a.off = a.d->tx_len;
	int level;
	assert_int_equal(input_keycode_for_char(srv.input, 0xe9, &level), 0); /* é */
	assert_true(input_type_unmapped(srv.input, 0xe9));
	struct vp_msg m = next(&a);
	assert_int_equal(m.type, VP_KEYSYM);
	assert_int_equal(m.u.keysym.keysym, XKB_KEY_eacute);
	uint32_t k = m.u.keysym.keycode;
	m = next(&a);
	assert_int_equal(m.type, VP_KEY);
	assert_int_equal(m.u.key.keycode, k);
	assert_int_equal(m.u.key.pressed, 1);
	m = next(&a);
	assert_int_equal(m.type, VP_KEY);
	assert_int_equal(m.u.key.keycode, k);
	assert_int_equal(m.u.key.pressed, 0);
	assert_int_equal(next(&a).type, 0);
	domain_destroy(a.d);
}

/* The focused window goes: focus is none, and nothing is sent for it. */
static void test_window_gone(void **state)
{
	(void)state;
	struct peer a = domain_with_window(&cfg_a, 10);
	input_focus(srv.input, target(&a));
	input_pointer_button(srv.input, target(&a), 1, true, 1, 1, 0);
	assert_ptr_equal(input_pointer_grab(srv.input), target(&a));
	struct vp_msg m = { .type = VP_DESTROY, .window = 1 };
	feed(a.d, &m);
	assert_null(server_focus(&srv));
	assert_null(input_pointer_grab(srv.input));
	a.off = a.d->tx_len;
	input_key(srv.input, key("a"), true, -1);
	input_key(srv.input, key("a"), false, -1);
	assert_int_equal(next(&a).type, 0);
	domain_destroy(a.d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_follow_focus),
		cmocka_unit_test(test_keys_down_resync),
		cmocka_unit_test(test_desktop_keymap),
		cmocka_unit_test(test_old_agent_gets_no_keysym),
		cmocka_unit_test(test_type_unmapped),
		cmocka_unit_test(test_pointer_privacy),
		cmocka_unit_test(test_hotkeys_are_never_forwarded),
		cmocka_unit_test(test_alt_tab),
		cmocka_unit_test(test_configured_sequences),
		cmocka_unit_test(test_window_gone),
		cmocka_unit_test(test_keyboard_move_resize),
		cmocka_unit_test(test_pointer_shape),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
