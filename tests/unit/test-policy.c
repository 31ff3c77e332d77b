/*
 * Unit tests of the window rules (gui-daemon/policy.c) against the core
 * alone, no X server: messages go through domain_feed as they come off a
 * socket, the screen locker is reported the way a backend reports it
 * (policy_set_locked), and what was decided is read where backends read it
 * (struct window's policy fields, policy_state, the headless output).
 * Placement: test-policy-place.c.
 */
#include "policy-fixture.h"

#include "gui-daemon/notice.h"
#include "gui-daemon/window.h"

/* ---- the 90% rule */

static void test_popup_over_90_percent_is_managed(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	/* a small popup stays a popup */
	struct window *p = mapped(d, 1, cx(10), cy(10), 100, 50, true);
	assert_true(p->popup);
	assert_true(p->as_popup);
	unmap(d, 1);
	/* one whose frame covers 95% of the work area is shown managed,
	 * though the guest still calls it a popup */
	struct window *big = mapped(d, 2, cx(0), cy(0), cw(W * 95 / 100), ch(H), true);
	assert_true(big->popup);
	assert_false(big->as_popup);
	assert_true(big->shown);
	/* exactly 90% is still allowed */
	struct window *edge = mapped(d, 3, cx(0), cy(0), cw(W * 90 / 100), ch(H), true);
	assert_true(edge->as_popup);
	unmap(d, 2);
	unmap(d, 3);
	/* one monitor of two covered whole (half the work area): managed
	 * (hostile-domain trial 11 #3) */
	struct scene *sc = &srv.scene;
	sc->nmon = 2;
	sc->mon[0] = (pixman_box32_t){ 0, 0, W / 2, H };
	sc->mon[1] = (pixman_box32_t){ W / 2, 0, W, H };
	int32_t b = sc->border;
	struct window *half =
		mapped(d, 4, b, b, (uint32_t)(W / 2 - 2 * b), (uint32_t)(H - 2 * b), true);
	assert_false(half->as_popup);
	struct window *small = mapped(d, 5, W / 2 + b, b, 100, 100, true);
	assert_true(small->as_popup);
	sc->nmon = 1;
	sc->mon[0] = (pixman_box32_t){ 0, 0, W, H };
	domain_destroy(d);
}

/* override_redirect_protection = false (Qubes' name for the 90% rule): the
 * domain's popup over 95% of the work area stays a popup. */
static void test_override_redirect_protection_off(void **state)
{
	(void)state;
	static struct domain_config cfg_or;
	const char *why;
	assert_int_equal(
		config_parse_domain(&cfg_or, "or,label=red,override_redirect_protection=0", &why),
		0);
	struct domain *d = connected(&cfg_or);
	struct window *big = mapped(d, 2, cx(0), cy(0), cw(W * 95 / 100), ch(H), true);
	assert_true(big->as_popup);
	assert_true(big->shown);
	domain_destroy(d);
}

static void test_popups_over_90_percent_with_siblings(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a), *o = connected(&cfg_b);
	const uint32_t qw = W / 2, qh = H / 2;
	/* another domain's popups do not count against this one */
	struct window *x = mapped(o, 9, cx(0), cy(0), cw(qw), ch(qh), true);
	assert_true(x->as_popup);
	/* a quarter, then half, then three quarters of the work area */
	struct window *q[4];
	const int32_t at[4][2] = {
		{ 0, 0 }, { (int32_t)qw, 0 }, { 0, (int32_t)qh }, { (int32_t)qw, (int32_t)qh }
	};
	for (uint32_t i = 0; i < 3; i++) {
		q[i] = mapped(d, i + 1, cx(at[i][0]), cy(at[i][1]), cw(qw), ch(qh), true);
		assert_true(q[i]->as_popup);
	}
	/* the fourth would make the domain's popups cover all of it */
	q[3] = mapped(d, 4, cx(at[3][0]), cy(at[3][1]), cw(qw), ch(qh), true);
	assert_false(q[3]->as_popup);
	/* with one of the others unmapped, it may be a popup again */
	unmap(d, 4);
	unmap(d, 1);
	remap(d, 4, true);
	assert_true(q[3]->as_popup);
	domain_destroy(d);
	domain_destroy(o);
}

static void test_popup_grown_over_90_percent_becomes_managed(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *p = mapped(d, 1, cx(100), cy(100), 100, 50, true);
	assert_true(p->as_popup);
	configure(d, 1, cx(0), cy(0), 8000, 8000, true);
	assert_true(p->popup);
	assert_false(p->as_popup);
	/* and it stays managed when it shrinks while mapped */
	configure(d, 1, cx(100), cy(100), 100, 50, true);
	assert_false(p->as_popup);
	domain_destroy(d);
}

/* ---- what a guest may change on a mapped window */

static void test_popup_flag_change_refused_while_mapped(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *n = mapped(d, 1, 100, 100, 200, 100, false);
	configure(d, 1, 100, 100, 200, 100, true);
	assert_false(n->popup);
	assert_false(n->as_popup);
	struct window *p = mapped(d, 2, 300, 100, 200, 100, true);
	configure(d, 2, 300, 100, 200, 100, false);
	assert_true(p->popup);
	assert_true(p->as_popup);
	/* while unmapped it may change, by CONFIGURE or MAP */
	unmap(d, 1);
	configure(d, 1, 100, 100, 200, 100, true);
	assert_true(n->popup);
	unmap(d, 2);
	remap(d, 2, false);
	assert_false(p->popup);
	assert_false(p->as_popup);
	domain_destroy(d);
}

/* ---- fullscreen */

static void set_wmflags(struct domain *d, uint32_t id, uint32_t flags)
{
	struct vp_msg m = { .type = VP_WMFLAGS, .window = id };
	m.u.wmflags = flags;
	feed(d, &m);
}

static void test_fullscreen_becomes_maximize_unless_allowed(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a), *t = connected(&cfg_fs);
	struct window *a = mapped(d, 1, 100, 100, 200, 100, false);
	struct window *b = mapped(t, 1, 100, 100, 200, 100, false);
	assert_int_equal(policy_state(a), 0);
	set_wmflags(d, 1, VP_WM_FULLSCREEN);
	set_wmflags(t, 1, VP_WM_FULLSCREEN);
	assert_int_equal(policy_state(a), WIN_STATE_MAXIMIZED);
	assert_int_equal(policy_state(b), WIN_STATE_FULLSCREEN);
	/* urgency is shown as attention, minimize passed on */
	set_wmflags(d, 1, VP_WM_URGENT | VP_WM_MINIMIZED);
	assert_int_equal(policy_state(a), WIN_STATE_ATTENTION | WIN_STATE_MINIMIZED);
	set_wmflags(d, 1, VP_WM_DEMANDS_ATTENTION);
	assert_int_equal(policy_state(a), WIN_STATE_ATTENTION);
	domain_destroy(d);
	domain_destroy(t);
}

/* ---- window types (issue 11 item 3) */

static void set_type(struct domain *d, uint32_t id, uint32_t type)
{
	struct vp_msg m = { .type = VP_WINDOW_TYPE, .window = id };
	m.u.wintype = type;
	feed(d, &m);
}

static void test_window_type(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *a = mapped(d, 1, 100, 100, 200, 100, false);
	assert_int_equal(policy_window_type(a), VP_WINTYPE_NORMAL);
	set_type(d, 1, VP_WINTYPE_DIALOG);
	assert_int_equal(policy_window_type(a), VP_WINTYPE_DIALOG);
	set_type(d, 1, VP_WINTYPE_SPLASH);
	assert_int_equal(policy_window_type(a), VP_WINTYPE_SPLASH);
	/* never above or below everything */
	set_type(d, 1, VP_WINTYPE_DOCK);
	assert_int_equal(policy_window_type(a), VP_WINTYPE_NORMAL);
	set_type(d, 1, VP_WINTYPE_DESKTOP);
	assert_int_equal(policy_window_type(a), VP_WINTYPE_NORMAL);
	/* an unknown number: refused, not a violation (feed checks) */
	set_type(d, 1, VP_WINTYPE_COUNT);
	assert_int_equal(policy_window_type(a), VP_WINTYPE_NORMAL);
	/* an untitled kind over 90% of the work area gets its title bar back */
	set_type(d, 1, VP_WINTYPE_NOTIFICATION);
	configure(d, 1, 0, 0, W, H, false);
	assert_int_equal(policy_window_type(a), VP_WINTYPE_NORMAL);
	set_type(d, 1, VP_WINTYPE_UTILITY); /* titled: any size */
	assert_int_equal(policy_window_type(a), VP_WINTYPE_UTILITY);
	/* four splash screens of a quarter each: together over 90%, so the
	 * last has its title (hostile-domain trial: they hid everything) */
	struct window *q[4];
	for (uint32_t i = 0; i < 4; i++) {
		q[i] = mapped(d, 10 + i, i % 2 ? W / 2 : 0, i / 2 ? H / 2 : 0, W / 2, H / 2, false);
		set_type(d, 10 + i, VP_WINTYPE_SPLASH);
	}
	assert_int_equal(policy_window_type(q[0]), VP_WINTYPE_NORMAL);
	unmap(d, 10); /* three: 75% */
	assert_int_equal(policy_window_type(q[1]), VP_WINTYPE_SPLASH);
	domain_destroy(d);
}

/* ---- the desktop's state, told to the guest (issue 11 items 4, 5) */

static void test_guest_state(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *a = mapped(d, 1, 100, 100, 200, 100, false);
	window_desktop_state(a, WIN_STATE_MINIMIZED);
	assert_int_equal(a->told_state, VP_STATE_MINIMIZED);
	window_desktop_state(a, 0);
	assert_int_equal(a->told_state, 0);
	/* fullscreen shown maximized: the guest keeps believing fullscreen */
	set_wmflags(d, 1, VP_WM_FULLSCREEN);
	window_desktop_state(a, WIN_STATE_MAXIMIZED);
	assert_int_equal(a->told_state, VP_STATE_FULLSCREEN);
	/* a minimize leaves that alone; the user's restore ends it */
	window_desktop_state(a, WIN_STATE_MAXIMIZED | WIN_STATE_MINIMIZED);
	assert_int_equal(a->told_state, VP_STATE_FULLSCREEN | VP_STATE_MINIMIZED);
	window_desktop_state(a, WIN_STATE_MINIMIZED);
	assert_int_equal(a->told_state, VP_STATE_MINIMIZED);
	/* the user maximizes a window that asked nothing: maximized */
	set_wmflags(d, 1, VP_WM_MINIMIZED);
	window_desktop_state(a, WIN_STATE_MAXIMIZED);
	assert_int_equal(a->told_state, VP_STATE_MAXIMIZED);
	/* a guest asking maximize is shown maximized */
	set_wmflags(d, 1, VP_WM_MAXIMIZED);
	assert_int_equal(policy_state(a), WIN_STATE_MAXIMIZED);
	domain_destroy(d);
}

/* F11 pressed three times quickly in a domain that shows fullscreen as
 * maximized: the desktop answers each ask in turn (maximized, normal,
 * maximized), and the guest is told the last answer only: fullscreen, never
 * "maximized", which left the window maximized for good (new-user trial 4).
 * Fullscreen asked of a window the user maximized: told at once. */
static void test_guest_state_answers_in_turn(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *a = mapped(d, 1, 100, 100, 200, 100, false);
	const uint32_t size = VP_WM_FULLSCREEN | VP_WM_MAXIMIZED;
	for (int i = 0; i < 3; i++) { /* the backend asks each in turn */
		set_wmflags(d, 1, i % 2 ? 0 : VP_WM_FULLSCREEN);
		policy_state_asked(a, policy_state(a));
	}
	window_desktop_state(a, WIN_STATE_MAXIMIZED);
	assert_int_equal(a->told_state, 0);
	window_desktop_state(a, 0);
	assert_int_equal(a->told_state, 0);
	window_desktop_state(a, WIN_STATE_MAXIMIZED);
	assert_int_equal(a->told_state, VP_STATE_FULLSCREEN);
	assert_int_equal(a->wmflags & size, VP_WM_FULLSCREEN);
	/* the user restores it, then maximizes it: told each, nothing asked */
	window_desktop_state(a, 0);
	assert_int_equal(a->told_state, 0);
	window_desktop_state(a, WIN_STATE_MAXIMIZED);
	assert_int_equal(a->told_state, VP_STATE_MAXIMIZED);
	/* F11 on it: shown maximized already, no answer comes: told now */
	set_wmflags(d, 1, VP_WM_MAXIMIZED | VP_WM_FULLSCREEN);
	assert_int_equal(a->told_state, VP_STATE_FULLSCREEN);
	assert_int_equal(policy_state(a), WIN_STATE_MAXIMIZED);
	domain_destroy(d);
}

/* ---- stacking and focus of new windows */

static void test_unfocused_domain_opens_below_focus(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *low = mapped(a, 1, 50, 50, 100, 100, false);
	struct window *f = mapped(a, 2, 100, 100, 200, 100, false);
	user_focus(f); /* the user focused it */
	struct window *n = mapped(b, 1, 150, 150, 200, 100, false);
	/* directly below the focused window, above the rest */
	assert_ptr_equal(n->stack_link.next, &f->stack_link);
	assert_ptr_equal(n->stack_link.prev, &low->stack_link);
	assert_ptr_equal(srv.scene.stack.prev, &f->stack_link);
	assert_true(n->no_focus);
	/* a popup of that domain too */
	struct window *p = mapped(b, 2, 150, 150, 50, 50, true);
	assert_ptr_equal(p->stack_link.next, &f->stack_link);
	assert_true(p->no_focus);
	user_focus(NULL);
	domain_destroy(a);
	domain_destroy(b);
}

/* A domain's window opened behind the focused one: the daemon's notice if
 * it covers some of it, for a window's first map, once a minute per domain. The one window a
 * domain maps first within POLICY_CLOSE_ANSWER_MS after the user closed
 * one of its windows (its "Save changes?") opens on top, without the
 * focus; the next one, or one later, below again. */
static void test_behind_notice_and_close_answer(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *f = mapped(a, 1, 100, 100, 200, 100, false);
	struct window *bw = mapped(b, 1, 150, 150, 200, 100, false);
	user_focus(f);
	server_notice_hide(&srv);
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));		/* earlier tests' texts */
	struct window *beside = mapped(b, 7, 500, 400, 100, 50, false); /* seen: none */
	assert_true(beside->below_focus);
	assert_false(srv.notice.shown);
	struct window *n = mapped(b, 2, 150, 150, 200, 100, false);
	assert_true(n->below_focus);
	assert_true(srv.notice.shown);
	assert_non_null(strstr(srv.notice.text, "opened a window behind"));
	server_notice_hide(&srv);
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen)); /* not the repeat rule */
	unmap(b, 2);					     /* its remap: no notice */
	remap(b, 2, false);
	assert_false(srv.notice.shown);
	/* new windows soon after: told, up to POLICY_BEHIND_NOTICES a minute */
	/* (each its own text: the same again within 10 s would not be shown) */
	static const char *const nth[] = { "opened a second window behind",
					   "opened a third window behind" };
	for (uint32_t id = 3; id < 3 + POLICY_BEHIND_NOTICES; id++) {
		struct window *n2 = mapped(b, id, 150, 150, 200, 100, false);
		assert_true(n2->below_focus);
		assert_int_equal(srv.notice.shown, id < 2 + POLICY_BEHIND_NOTICES);
		if (srv.notice.shown)
			assert_non_null(strstr(srv.notice.text, nth[id - 3]));
		server_notice_hide(&srv);
	}
	/* on a desktop (its window manager puts it at the bottom): behind a
	 * window that does not have the keys too, named (new-user trial 8) */
	struct backend_ops wm_ops = *srv.backend->ops;
	const struct backend_ops *ops = srv.backend->ops;
	wm_ops.caps |= BACKEND_CAP_WM;
	srv.backend->ops = &wm_ops;
	struct domain *c = connected(&cfg_fs);
	mapped(c, 1, 500, 300, 200, 100, false);
	user_focus(f);
	memset(b->behind_notice_ms, 0, sizeof(b->behind_notice_ms)); /* a minute later */
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	struct window *hid = mapped(b, 30, 520, 320, 100, 50, false);
	assert_true(hid->below_focus);
	assert_true(srv.notice.shown);
	assert_non_null(strstr(srv.notice.text, "b opened a window behind fs's"));
	server_notice_hide(&srv);
	/* wholly under a window of its own there (new-user trial 18 #1) */
	memset(b->behind_notice_ms, 0, sizeof(b->behind_notice_ms)); /* a minute later */
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	mapped(b, 31, 600, 500, 400, 300, false);
	memset(b->behind_notice_ms, 0, sizeof(b->behind_notice_ms));
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	server_notice_hide(&srv);
	struct window *under = mapped(b, 32, 650, 550, 100, 50, false);
	assert_true(under->below_focus);
	assert_true(srv.notice.shown);
	assert_non_null(strstr(srv.notice.text, "b opened a window behind its own"));
	server_notice_hide(&srv);
	/* not its dialog's: the window manager keeps it above (review) */
	memset(b->behind_notice_ms, 0, sizeof(b->behind_notice_ms));
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	unmap(b, 32);
	struct vp_msg cm = { .type = VP_CREATE, .window = 33 };
	cm.u.create.r = (struct vp_rect){ 650, 550, 100, 50 };
	feed(b, &cm);
	cm = (struct vp_msg){ .type = VP_MAP, .window = 33 };
	cm.u.map.transient_for = 31;
	feed(b, &cm);
	assert_true(domain_find_window(b, 33)->below_focus);
	assert_false(srv.notice.shown);
	srv.backend->ops = ops;
	domain_destroy(c);
	memset(b->behind_notice_ms, 0, sizeof(b->behind_notice_ms)); /* a minute later */
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));	     /* (and the last ones too) */
	mapped(b, 20, 150, 150, 200, 100, false);
	assert_true(srv.notice.shown);
	server_notice_hide(&srv);
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	/* the user closes one of b's windows: its answer comes up, once */
	window_user_close(bw);
	struct window *ans = mapped(b, 14, 160, 160, 100, 50, false);
	assert_false(ans->below_focus);
	assert_true(ans->no_focus);
	assert_ptr_equal(srv.scene.stack.prev, &ans->stack_link);
	struct window *more = mapped(b, 15, 170, 170, 100, 50, false);
	assert_true(more->below_focus);
	/* the desktop shows the answer later (its map held by b's rate):
	 * still on top (CI: it went below then) */
	srv.backend->ops = &wm_ops;
	policy_map_shown(&srv, ans);
	srv.backend->ops = ops;
	assert_false(ans->below_focus);
	assert_ptr_equal(srv.scene.stack.prev, &ans->stack_link);
	/* too late after the close: below */
	window_user_close(bw);
	b->user_close_ms -= POLICY_CLOSE_ANSWER_MS + 1;
	struct window *late = mapped(b, 16, 180, 180, 100, 50, false);
	assert_true(late->below_focus);
	user_focus(NULL);
	domain_destroy(a);
	domain_destroy(b);
}

/* The focused window goes (a dialog closed, unmapped or destroyed; the
 * window whose close box was clicked): the keys go to the topmost other
 * shown window of its domain, not to the topmost window (another domain's),
 * nor to a popup; with none left, to no one (new-user DRM trial: typing
 * was lost after a close box's click). Not while its connection ends. */
static void test_focus_falls_back_within_domain(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *a1 = mapped(a, 1, 10, 10, 200, 100, false);
	struct window *a2 = mapped(a, 2, 20, 20, 200, 100, false);
	mapped(a, 3, 30, 30, 50, 50, true); /* a's popup */
	struct window *d = mapped(a, 4, 40, 40, 100, 50, false);
	struct window *b1 = mapped(b, 1, 300, 10, 200, 100, false);
	scene_raise(&srv.scene, a1);
	scene_raise(&srv.scene, d);
	scene_raise(&srv.scene, b1);
	user_focus(d);
	unmap(a, 4); /* the dialog closed: a1 was raised after a2 */
	assert_ptr_equal(server_focus(&srv), a1);
	window_destroy(a1);
	assert_ptr_equal(server_focus(&srv), a2);
	window_destroy(domain_find_window(a, 3));
	window_destroy(a2);
	assert_null(server_focus(&srv)); /* none of a's left: not b's */
	/* a domain cut off: its windows go, the keys go nowhere */
	a2 = mapped(a, 5, 20, 20, 200, 100, false);
	user_focus(mapped(a, 6, 20, 20, 200, 100, false));
	domain_disconnect(a, "a test violation");
	assert_null(server_focus(&srv));
	domain_destroy(a);
	domain_destroy(b);
}

static void test_focused_domain_window_raised(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *f = mapped(a, 1, 100, 100, 200, 100, false);
	user_focus(f);
	struct window *other = mapped(b, 1, 150, 150, 200, 100, false);
	/* the focused domain's new window (a dialog) opens on top, may take
	 * the focus */
	struct window *dlg = mapped(a, 2, 120, 120, 100, 50, false);
	assert_ptr_equal(srv.scene.stack.prev, &dlg->stack_link);
	assert_ptr_equal(dlg->stack_link.prev, &f->stack_link);
	assert_false(dlg->no_focus);
	assert_true(other->no_focus);
	/* nobody focused: on top, but it takes no focus either */
	user_focus(NULL);
	struct window *c = mapped(b, 2, 150, 150, 200, 100, false);
	assert_ptr_equal(srv.scene.stack.prev, &c->stack_link);
	assert_true(c->no_focus);
	domain_destroy(a);
	domain_destroy(b);
}

/* ---- the screen locker */

/* Give win a buffer of one colour, all of it damaged. */
static void fill(struct domain *d, struct window *win, uint32_t rgb)
{
	size_t size = (size_t)win->w * win->h * 4;
	int fd = vshm_local_create(size);
	assert_true(fd >= 0);
	uint32_t *px = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	assert_true(px != MAP_FAILED);
	for (size_t i = 0; i < size / 4; i++)
		px[i] = rgb;
	munmap(px, size);
	struct vp_msg m = { .type = VP_BUFFER, .window = win->id };
	m.u.buffer =
		(struct vp_buffer){ 1, VP_BUF_LOCAL, win->w, win->h, win->w * 4, VP_FMT_XRGB8888, 0,
				    0, NULL };
	feed_fd(d, &m, fd);
	m = (struct vp_msg){ .type = VP_DAMAGE, .window = win->id };
	m.u.damage = (struct vp_rect){ 0, 0, win->w, win->h };
	feed(d, &m);
}

/* The colour of the composited output at the centre of win. */
static uint32_t shown_at(struct window *win)
{
	server_repaint(&srv);
	pixman_image_t *img = srv.backend->ops->output(srv.backend);
	uint32_t *data = pixman_image_get_data(img);
	int stride = pixman_image_get_stride(img) / 4;
	int32_t x = win->x + (int32_t)win->w / 2, y = win->y + (int32_t)win->h / 2;
	return data[y * stride + x] & 0xffffff;
}

static void test_popups_held_while_locked(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	policy_set_locked(&srv, true); /* the backend saw the locker go on */
	struct window *p = mapped(d, 1, 200, 200, 100, 50, true);
	fill(d, p, 0x00ff00);
	assert_true(p->mapped);
	assert_false(p->shown);
	assert_int_not_equal(shown_at(p), 0x00ff00);
	/* normal windows and popups shown as managed are not held */
	struct window *n = mapped(d, 2, 400, 100, 100, 50, false);
	assert_true(n->shown);
	struct window *big = mapped(d, 3, cx(0), cy(0), cw(W), ch(H), true);
	assert_false(big->as_popup);
	assert_true(big->shown);
	unmap(d, 3);
	/* a popup mapped before the lock stays */
	policy_set_locked(&srv, false);
	assert_true(p->shown);
	assert_int_equal(shown_at(p), 0x00ff00);
	policy_set_locked(&srv, true);
	assert_true(p->shown);
	/* held, then unmapped while locked: not shown on unlock */
	struct window *q = mapped(d, 4, 500, 300, 100, 50, true);
	assert_false(q->shown);
	unmap(d, 4);
	policy_set_locked(&srv, false);
	assert_false(q->shown);
	domain_destroy(d);
}

/* A popup of less than 3x3 (GTK's 1x1 helpers at -100,-100) is not shown,
 * rather than pulled on as a square of the domain's colour over every
 * window (new-user trial 3); grown, it shows; shrunk again, it goes. */
static void test_tiny_popup_not_shown(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *p = mapped(d, 1, -100, -100, 1, 1, true);
	assert_true(p->mapped && p->as_popup);
	assert_false(p->shown);
	configure(d, 1, 200, 200, 40, 30, true);
	assert_true(p->shown);
	configure(d, 1, 200, 200, 2, 2, true);
	assert_false(p->shown);
	configure(d, 1, 200, 200, 3, 2, true);
	assert_true(p->shown);
	/* a managed window of 1x1 is the window manager's to show */
	struct window *n = mapped(d, 2, -100, -100, 1, 1, false);
	assert_true(n->shown);
	domain_destroy(d);
}

/* The label a desktop shows: "[domain] text"; a name with no letter gets
 * U+200E first, so the bidi algorithm lays it out first; cut to fit. */
static void test_label(void **state)
{
	(void)state;
	char b[64];
	assert_int_equal(policy_label(b, sizeof(b), "work", "\xd7\x90[x] y"), 14);
	assert_string_equal(b, "[work] \xd7\x90[x] y");
	assert_int_equal(policy_label(b, sizeof(b), "42", "\xd7\x90[work] Bank"), 21);
	assert_string_equal(b, "\xe2\x80\x8e[42] \xd7\x90[work] Bank");
	policy_label(b, sizeof(b), "7-_", "t");
	assert_string_equal(b, "\xe2\x80\x8e[7-_] t");
	policy_label(b, sizeof(b), "a1", "t");
	assert_string_equal(b, "[a1] t");
	assert_int_equal(policy_label(b, 6, "work", "long title"), 5);
	assert_string_equal(b, "[work");
}

/* An unfocused domain's popup never stays over the window the user works
 * in: the keys going to b's window put a's popups over it below it, and a
 * popup a moves (or grows) while b has the keys goes below b's window
 * (hostile-domain trial 4: on x11 a's popup, mapped while a had the keys,
 * was moved over b's window and hid what it showed). */
static void test_popups_below_chosen(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *bw = mapped(b, 1, 100, 100, 300, 200, false);
	struct window *aw = mapped(a, 1, 500, 100, 200, 100, false);
	user_focus(aw);
	struct window *pop = mapped(a, 2, 520, 120, 40, 30, true); /* a's tooltip, on top */
	assert_ptr_equal(srv.scene.stack.prev, &pop->stack_link);
	user_focus(bw);
	policy_popups_below(&srv, bw); /* what focus.c does when it gives b the keys */
	assert_ptr_equal(pop->stack_link.next, &bw->stack_link);
	assert_true(pop->below_focus);
	scene_raise(&srv.scene, pop);		   /* somehow on top again */
	configure(a, 2, 120, 120, 200, 150, true); /* a moves it over b's window */
	assert_ptr_equal(pop->stack_link.next, &bw->stack_link);
	struct window *bpop = mapped(b, 2, 130, 130, 40, 30, true); /* b's own: on top */
	policy_popups_below(&srv, bw);
	assert_ptr_equal(srv.scene.stack.prev, &bpop->stack_link);
	user_focus(NULL);
	domain_destroy(a);
	domain_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_popup_over_90_percent_is_managed),
		cmocka_unit_test(test_popups_over_90_percent_with_siblings),
		cmocka_unit_test(test_override_redirect_protection_off),
		cmocka_unit_test(test_popup_grown_over_90_percent_becomes_managed),
		cmocka_unit_test(test_popup_flag_change_refused_while_mapped),
		cmocka_unit_test(test_fullscreen_becomes_maximize_unless_allowed),
		cmocka_unit_test(test_window_type),
		cmocka_unit_test(test_guest_state),
		cmocka_unit_test(test_guest_state_answers_in_turn),
		cmocka_unit_test(test_unfocused_domain_opens_below_focus),
		cmocka_unit_test(test_behind_notice_and_close_answer),
		cmocka_unit_test(test_popups_below_chosen),
		cmocka_unit_test(test_focus_falls_back_within_domain),
		cmocka_unit_test(test_focused_domain_window_raised),
		cmocka_unit_test(test_popups_held_while_locked),
		cmocka_unit_test(test_tiny_popup_not_shown),
		cmocka_unit_test(test_label),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
