"""The supervisors' view of the floor for the screens: the desk (app.floor.desk) that the
review screen, the live board and the figures call, built by the composition root so that ui/
never imports the store."""
