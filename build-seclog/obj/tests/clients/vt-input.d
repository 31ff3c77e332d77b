build-seclog/obj/tests/clients/vt-input.o: tests/clients/vt-input.c
