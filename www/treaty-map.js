// treaty-map loader: mounts a widget into every element marked `data-treaty-map` on the page.
//
//   <div data-treaty-map data-region="americas" data-content="content.json"></div>
//   <script type="module" src="treaty-map.js"></script>
//
// Options (data attributes): data-region (world, africa, americas, asia-pacific, europe-central-asia, mena),
// data-content (URL of the host's content JSON), data-data-url (folder of the data files; default: data/
// beside this script).
import init, { mount } from "./pkg/treaty_map.js";

const here = new URL(".", import.meta.url);

await init();

for (const element of document.querySelectorAll("[data-treaty-map]")) {
  try {
    mount(element, {
      region: element.dataset.region,
      dataUrl: element.dataset.dataUrl ?? new URL("data/", here).href,
      contentUrl: element.dataset.content,
    });
  } catch (error) {
    element.textContent = `The map could not be shown: ${error}`;
    console.error(error);
  }
}
