package io.parley.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sandbox page itself is public; everything it shows comes from {@code /api/v1} with the admin token, which
 * the page takes from the link's {@code #token=} fragment (never sent to the server) or asks for.
 */
@Controller
class SandboxController {
    @GetMapping("/")
    String home() {
        return "redirect:/sandbox";
    }

    @GetMapping("/sandbox")
    String sandbox() {
        return "sandbox";
    }
}
