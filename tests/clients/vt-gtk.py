#!/usr/bin/python3
# vt-gtk: a GTK 3 window driven line by line on stdin, for the tests of what
# a real GTK application asks a window manager and what it learns back.
#
#   vt-gtk.py TITLE [TYPE [WxH]]
#                            a window titled TITLE, 300x200 or WxH; TYPE a
#                            Gdk.WindowTypeHint name (DIALOG, UTILITY,
#                            SPLASHSCREEN, TOOLBAR, NOTIFICATION, DOCK, ...)
#                            or - for none
# Prints "ready XID" once mapped. Commands, each answered with one line:
#   supports ATOM   "yes" or "no": gdk_x11_screen_supports_net_wm_hint (what
#                   Firefox asks before it offers fullscreen)
#   fullscreen | unfullscreen | maximize | unmaximize | iconify
#                   the GtkWindow call; answers "done"
#   state           the window's GdkWindowState as GTK believes it:
#                   "state fullscreen=0|1 maximized=0|1 iconified=0|1"
#   icon RRGGBB [N] gtk_window_set_icon: an opaque NxN icon (default 48) of
#                   that colour, whose top left quarter is white (GTK sets
#                   _NET_WM_ICON); answers "done"
#   menu            "menu open=0|1 activated=N": whether the File menu of the
#                   menu bar (VT_GTK_MENU=1 in the environment: a menu bar
#                   with File > One, Two at the window's top) is open, and
#                   how often one of its items was chosen
import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
gi.require_version("GdkX11", "3.0")
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import Gdk, GdkPixbuf, GdkX11, GLib, Gtk  # noqa: E402

state = Gdk.WindowState(0)
file_menu = None
activated = 0


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def on_state(_w, ev):
    global state
    state = ev.new_window_state
    return False


def on_map(w, _ev):
    out("ready %d" % w.get_window().get_xid())
    return False


def command(src, _cond, win):
    line = src.readline()
    if not line:
        Gtk.main_quit()
        return False
    words = line.split()
    if not words:
        return True
    cmd = words[0]
    if cmd == "supports":
        screen = Gdk.Screen.get_default()
        ok = GdkX11.X11Screen.supports_net_wm_hint(screen, Gdk.atom_intern(words[1], False))
        out("yes" if ok else "no")
    elif cmd in ("fullscreen", "unfullscreen", "maximize", "unmaximize", "iconify"):
        getattr(win, cmd)()
        out("done")
    elif cmd == "state":
        out("state fullscreen=%d maximized=%d iconified=%d" % (
            bool(state & Gdk.WindowState.FULLSCREEN), bool(state & Gdk.WindowState.MAXIMIZED),
            bool(state & Gdk.WindowState.ICONIFIED)))
    elif cmd == "icon":
        n = int(words[2]) if len(words) > 2 else 48
        pb = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB, True, 8, n, n)
        pb.fill(int(words[1], 16) << 8 | 0xFF)
        pb.new_subpixbuf(0, 0, n // 2, n // 2).fill(0xFFFFFFFF)
        win.set_icon(pb)
        out("done")
    elif cmd == "menu" and file_menu:
        out("menu open=%d activated=%d" % (file_menu.get_visible(), activated))
    else:
        out("unknown command")
    return True


def on_item(_item):
    global activated
    activated += 1


def add_menu_bar(win):
    global file_menu
    bar = Gtk.MenuBar()
    top = Gtk.MenuItem(label="File")
    file_menu = Gtk.Menu()
    for label in ("One", "Two"):
        item = Gtk.MenuItem(label=label)
        item.connect("activate", on_item)
        file_menu.append(item)
    top.set_submenu(file_menu)
    bar.append(top)
    box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
    box.pack_start(bar, False, False, 0)
    win.add(box)


def main():
    win = Gtk.Window(title=sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] != "-":
        win.set_type_hint(getattr(Gdk.WindowTypeHint, sys.argv[2]))
    w, h = (int(v) for v in sys.argv[3].split("x")) if len(sys.argv) > 3 else (300, 200)
    win.set_default_size(w, h)
    win.connect("window-state-event", on_state)
    win.connect("map-event", on_map)
    win.connect("destroy", Gtk.main_quit)
    if os.environ.get("VT_GTK_MENU") == "1":
        add_menu_bar(win)
    win.show_all()
    GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, command, win)
    Gtk.main()


main()
