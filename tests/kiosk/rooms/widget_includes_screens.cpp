// Must not compile: built by the test kiosk_rooms_widgets_cannot_include_screens with only what
// a widget may see (the bianmin_kiosk_widgets library), it includes a screen's header.
#include "widgets/ui.hpp"
#include "screens/screen.hpp"
