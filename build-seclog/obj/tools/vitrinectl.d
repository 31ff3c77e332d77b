build-seclog/obj/tools/vitrinectl.o: tools/vitrinectl.c
