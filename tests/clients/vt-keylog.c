/*
 * vt-keylog: log every key and pointer event that an X server's input devices
 * produce, whoever has the focus, as seen by XInput2 raw events on the root.
 *
 *   vt-keylog            (on $DISPLAY)
 *
 * Selects XI_RawKeyPress, XI_RawKeyRelease, XI_RawButtonPress,
 * XI_RawButtonRelease and XI_RawMotion on the root window for all master
 * devices. Raw events are delivered to the root whatever the focus, the
 * grabs or the window under the pointer, so this sees every XTEST injection
 * an agent makes in its domain. Prints `ready` once the selection is in
 * place, then one line per event, flushed:
 *
 *   key press KEYCODE | key release KEYCODE
 *   button press N | button release N
 *   motion
 *
 * Exits 0 on SIGTERM or when the X connection closes.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xcb/xcb.h>
#include <xcb/xinput.h>

static void die(const char *msg)
{
	fprintf(stderr, "vt-keylog: %s\n", msg);
	exit(1);
}

static void on_term(int sig)
{
	(void)sig;
	_exit(0);
}

int main(void)
{
	int screen_no;
	signal(SIGTERM, on_term);
	xcb_connection_t *c = xcb_connect(NULL, &screen_no);
	if (xcb_connection_has_error(c))
		die("cannot connect to the X server");
	xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(c));
	for (int i = 0; i < screen_no && it.rem; i++)
		xcb_screen_next(&it);
	xcb_window_t root = it.data->root;

	const xcb_query_extension_reply_t *ext = xcb_get_extension_data(c, &xcb_input_id);
	if (!ext || !ext->present)
		die("no XInputExtension in the X server");
	xcb_input_xi_query_version_reply_t *v =
		xcb_input_xi_query_version_reply(c, xcb_input_xi_query_version(c, 2, 2), NULL);
	if (!v || v->major_version < 2 || (v->major_version == 2 && v->minor_version < 1))
		die("XInput 2.1 or later needed (raw events to the root whatever the grabs)");
	free(v);

	struct {
		xcb_input_event_mask_t head;
		uint32_t mask;
	} sel = {
		{ XCB_INPUT_DEVICE_ALL_MASTER, 1 },
		XCB_INPUT_XI_EVENT_MASK_RAW_KEY_PRESS | XCB_INPUT_XI_EVENT_MASK_RAW_KEY_RELEASE |
			XCB_INPUT_XI_EVENT_MASK_RAW_BUTTON_PRESS |
			XCB_INPUT_XI_EVENT_MASK_RAW_BUTTON_RELEASE |
			XCB_INPUT_XI_EVENT_MASK_RAW_MOTION,
	};
	xcb_generic_error_t *err =
		xcb_request_check(c, xcb_input_xi_select_events_checked(c, root, 1, &sel.head));
	if (err)
		die("XISelectEvents failed");
	printf("ready\n");
	fflush(stdout);

	xcb_generic_event_t *ev;
	while ((ev = xcb_wait_for_event(c))) {
		if ((ev->response_type & 0x7f) == XCB_GE_GENERIC) {
			xcb_ge_generic_event_t *ge = (xcb_ge_generic_event_t *)ev;
			/* all raw events share the layout of RawKeyPress up to detail */
			xcb_input_raw_key_press_event_t *r = (xcb_input_raw_key_press_event_t *)ev;
			if (ge->extension == ext->major_opcode) {
				switch (ge->event_type) {
				case XCB_INPUT_RAW_KEY_PRESS:
					printf("key press %u\n", r->detail);
					break;
				case XCB_INPUT_RAW_KEY_RELEASE:
					printf("key release %u\n", r->detail);
					break;
				case XCB_INPUT_RAW_BUTTON_PRESS:
					printf("button press %u\n", r->detail);
					break;
				case XCB_INPUT_RAW_BUTTON_RELEASE:
					printf("button release %u\n", r->detail);
					break;
				case XCB_INPUT_RAW_MOTION: printf("motion\n"); break;
				default: break;
				}
				fflush(stdout);
			}
		}
		free(ev);
	}
	return 0;
}
