# Convenience wrappers; ./dev does the work (and works where make is not installed yet).
.PHONY: run test asan-test build
run:
	./dev run
test:
	./dev test
asan-test:
	./dev asan-test
build:
	./dev build
