// Deal page: the Rating 评级 section (see rating.js).
import { mountRating } from './rating.js';

const box = document.getElementById('rating-box');
if (box) mountRating(box, { dealId: box.dataset.deal, canEstimate: true });
