build-seclog/obj/tests/clients/vt-keylog.o: tests/clients/vt-keylog.c
