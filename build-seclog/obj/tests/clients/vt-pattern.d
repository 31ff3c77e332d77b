build-seclog/obj/tests/clients/vt-pattern.o: tests/clients/vt-pattern.c
