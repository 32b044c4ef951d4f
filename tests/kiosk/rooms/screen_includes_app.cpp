// Must not compile: built by the test kiosk_rooms_screens_cannot_include_app with only what a
// screen may see (the bianmin_kiosk_screens library), it includes the app's header.
#include "screens/screen.hpp"
#include "app/app.hpp"
